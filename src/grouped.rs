//! Items grouped by a small integer key, all in one list: for 100,000 keys (a schema's
//! fields), a list per key would be 100,000 small allocations.

/// Items by key; the items of key `k` are `items[start[k]..start[k + 1]]`, in the order
/// they were given.
pub(crate) struct Grouped<T> {
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy> Grouped<T> {
    /// Groups `items` (key, item), every key below `keys`.
    pub(crate) fn new(keys: usize, items: Vec<(usize, T)>) -> Grouped<T> {
        let mut start = vec![0; keys + 1];
        for &(k, _) in &items {
            start[k + 1] += 1;
        }
        for k in 0..keys {
            start[k + 1] += start[k];
        }
        let Some(&(_, first)) = items.first() else {
            return Grouped {
                start,
                items: Vec::new(),
            };
        };
        let mut next = start.clone();
        let mut list = vec![first; items.len()];
        for (k, item) in items {
            list[next[k]] = item;
            next[k] += 1;
        }
        Grouped { start, items: list }
    }

    /// How many keys there are.
    pub(crate) fn keys(&self) -> usize {
        self.start.len() - 1
    }

    /// The items of key `k`.
    pub(crate) fn of(&self, k: usize) -> &[T] {
        &self.items[self.start[k]..self.start[k + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_grouped_by_key_in_their_order() {
        let g = Grouped::new(4, vec![(2, 'a'), (0, 'b'), (2, 'c'), (3, 'd'), (0, 'e')]);
        assert_eq!(g.keys(), 4);
        assert_eq!(g.of(0), ['b', 'e']);
        assert_eq!(g.of(1), [] as [char; 0]);
        assert_eq!(g.of(2), ['a', 'c']);
        assert_eq!(g.of(3), ['d']);
        assert_eq!(Grouped::<u8>::new(2, Vec::new()).of(1), [] as [u8; 0]);
    }
}
