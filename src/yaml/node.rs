//! [`Node`]: a YAML value as xfill's readers use it. Scalars borrow the file's text where
//! they can and mappings are plain lists of entries, so a schema of 100,000 fields costs a
//! few allocations per field, not the dozen of a `serde_yaml::Value` (whose mappings hash
//! every key).

use std::borrow::Cow;

use serde_yaml::{Mapping, Number, Value};

/// A YAML value; converts to and from `serde_yaml::Value` without loss.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Node<'t> {
    /// `~`, `null` or nothing.
    Null,
    /// `true`, `false`.
    Bool(bool),
    /// A number, as serde_yaml reads it.
    Number(Number),
    /// Text.
    Str(Cow<'t, str>),
    /// A list.
    Seq(Vec<Node<'t>>),
    /// A mapping: its entries in the file's order (no key twice).
    Map(Vec<(Node<'t>, Node<'t>)>),
    /// A tagged value, kept as serde_yaml read it (boxed: rare, and large).
    Other(Box<Value>),
}

impl<'t> Node<'t> {
    /// The value under the text key `key`, for a mapping.
    pub fn get(&self, key: &str) -> Option<&Node<'t>> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(k, Node::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Moves the value under the text key `key` out of a mapping, leaving null there.
    pub fn take(&mut self, key: &str) -> Option<Node<'t>> {
        match self {
            Node::Map(entries) => entries
                .iter_mut()
                .find(|(k, _)| matches!(k, Node::Str(s) if s == key))
                .map(|(_, v)| std::mem::replace(v, Node::Null)),
            _ => None,
        }
    }

    /// Whether `key` is a text key of this mapping.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A non-negative whole number.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Node::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// Any number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Node::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// Whether this is null.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    /// The same value as serde_yaml's.
    pub fn into_value(self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Number(n) => Value::Number(n),
            Node::Str(s) => Value::String(s.into_owned()),
            Node::Seq(items) => Value::Sequence(items.into_iter().map(Node::into_value).collect()),
            Node::Map(entries) => Value::Mapping(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.into_value(), v.into_value()))
                    .collect::<Mapping>(),
            ),
            Node::Other(v) => *v,
        }
    }

    /// A serde_yaml value as a node.
    pub fn from_value(value: Value) -> Node<'static> {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(b),
            Value::Number(n) => Node::Number(n),
            Value::String(s) => Node::Str(Cow::Owned(s)),
            Value::Sequence(items) => Node::Seq(items.into_iter().map(Node::from_value).collect()),
            Value::Mapping(map) => Node::Map(
                map.into_iter()
                    .map(|(k, v)| (Node::from_value(k), Node::from_value(v)))
                    .collect(),
            ),
            other @ Value::Tagged(_) => Node::Other(Box::new(other)),
        }
    }

    /// A mapping key as text (YAML keys may be numbers or booleans); a text key is borrowed.
    pub fn key_name(&self) -> Cow<'_, str> {
        match self {
            Node::Str(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.scalar_text()),
        }
    }

    /// A scalar as the user wrote it, near enough: numbers and booleans in their usual form;
    /// a collection as YAML.
    pub fn scalar_text(&self) -> String {
        match self {
            Node::Str(s) => s.to_string(),
            Node::Number(n) => n.to_string(),
            Node::Bool(b) => b.to_string(),
            Node::Null => String::new(),
            other => serde_yaml::to_string(&other.clone().into_value())
                .unwrap_or_default()
                .trim_end()
                .to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_is_small() {
        // A schema holds a few nodes per field: their size is most of its memory.
        assert!(
            std::mem::size_of::<Node>() <= 32,
            "{}",
            std::mem::size_of::<Node>()
        );
    }

    #[test]
    fn converts_both_ways() {
        let text = "a: 1\nb: [x, 2.5, ~, true]\nc: {d: e}\n7: !t v\n";
        let value: Value = serde_yaml::from_str(text).unwrap();
        let node = Node::from_value(value.clone());
        assert_eq!(node.get("a").and_then(Node::as_u64), Some(1));
        assert_eq!(
            node.get("c")
                .and_then(|c| c.get("d"))
                .and_then(Node::as_str),
            Some("e")
        );
        assert!(node.get("7").is_none(), "7 is a number key, not text");
        let mut taken = node.clone();
        assert_eq!(taken.take("a"), Some(Node::Number(1.into())));
        assert_eq!(taken.get("a"), Some(&Node::Null));
        assert_eq!(node.into_value(), value);
    }
}
