//! Micro-benchmarks of the flow's steps — scan, schema, values, bind, fill, extract — on two
//! inputs built here, nothing big committed:
//!
//! - `summary`: samples/summary.txt repeated to about 1 MB (34 slots, 28 fields per copy,
//!   so each anchor claims many slots), with its schema, values and filled text;
//! - `fields`: a 1 MB template in the style of scripts/gen.py, 4.5 slots per KB, each slot
//!   its own field (about 4,500 fields) with a unique anchor — the shape that stresses the
//!   schema, the values and the binding.
//!
//! `cargo bench --bench flow` runs them (divan; `-- fill` filters by name), with the number
//! and size of allocations under each timing; the end-to-end comparison with other tools is
//! scripts/bench.sh.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use xfill::bind::{self, Bindings};
use xfill::scan::Slot;
use xfill::schema::Schema;
use xfill::values::{self, Source, Values};
use xfill::{extract, fill};

// Counts allocations and bytes per benchmark (shown under each timing): the steps around
// fill allocate per field and per slot, and that is where their time goes.
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const TARGET: usize = 1 << 20;

/// One input and everything the steps after each other need.
struct Case {
    text: String,
    filled: String,
    schema_text: String,
    values_text: String,
    schema: Schema,
    values: Values,
    slots: Vec<Slot>,
    bindings: Bindings,
}

impl Case {
    fn new(text: String, filled: String, schema_text: String, values_text: String) -> Case {
        let schema = Schema::parse(&schema_text, "schema.yaml").expect("the bench schema parses");
        let values = values::resolve(
            &schema,
            Some(Source {
                text: &values_text,
                file: "values.yaml",
            }),
            &[],
        )
        .expect("the bench values are valid");
        let slots = schema.scanner().scan(&text);
        let bindings = bind::bind(&schema, &text, &slots);
        let case = Case {
            text,
            filled,
            schema_text,
            values_text,
            schema,
            values,
            slots,
            bindings,
        };
        let filled = case.fill();
        assert_eq!(
            filled.remaining(),
            0,
            "every slot of the bench input is filled"
        );
        assert_eq!(filled.text, case.filled, "the fill gives the expected text");
        case
    }

    fn fill(&self) -> fill::Filled {
        fill::fill(
            &self.text,
            &self.slots,
            &self.bindings,
            &self.schema,
            &self.values,
            fill::Options::default(),
        )
    }
}

fn sample(name: &str) -> String {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// samples/summary.txt (and its filled text) repeated to about 1 MB.
static SUMMARY: LazyLock<Case> = LazyLock::new(|| {
    let one = sample("summary.txt");
    let copies = TARGET.div_ceil(one.len());
    Case::new(
        one.repeat(copies),
        sample("summary.filled.txt").repeat(copies),
        sample("summary.schema.yaml"),
        sample("summary.values.yaml"),
    )
});

/// A template like scripts/gen.py's: filler with X that are not slots (X光, XML, Windows XP,
/// 3×4, an ID number ending in X) and one slot per sentence, each its own field.
static FIELDS: LazyLock<Case> = LazyLock::new(|| {
    const UNITS: [&str; 10] = ["个", "名", "项", "次", "件", "户", "家", "吨", "万元", "元"];
    const LEADS: [&str; 8] = [
        "全年共组织",
        "累计完成",
        "新增",
        "走访",
        "培训",
        "帮助解决",
        "投入资金",
        "收集意见",
    ];
    const FILLER: [&str; 5] = [
        "坚持以党建引领乡村振兴，定期开展X光检查和XML数据报送，",
        "机房旧电脑仍在运行Windows XP系统，",
        "会议室面积为3×4米，",
        "经办人身份证号11010519900307123X，",
        "切实提升群众的获得感和幸福感，",
    ];
    // gen.py's density: one slot per 1024 / 4.5 ≈ 227 bytes.
    const PER_SLOT: usize = 227;
    let (mut text, mut filled) = (String::new(), String::new());
    let mut schema = String::from("version: 1\nfields:\n");
    let mut values = String::new();
    let (mut n, mut k) = (0, 0);
    while text.len() < TARGET {
        n += 1;
        let (unit, lead) = (UNITS[n % UNITS.len()], LEADS[n % LEADS.len()]);
        let body = format!("第{n}项{lead}X{unit}。");
        let mut filler = String::new();
        while filler.len() + body.len() < PER_SLOT {
            filler.push_str(FILLER[k % FILLER.len()]);
            k += 3; // 3 and 5 are coprime: every filler in turn, in a shifting order
        }
        let value = (n * 7919) % 99_991 + 1;
        text.push_str(&format!("{filler}{body}"));
        filled.push_str(&format!("{filler}第{n}项{lead}{value}{unit}。"));
        schema.push_str(&format!(
            "  f{n}:\n    type: integer\n    anchors: [第{n}项{lead}X{unit}]\n"
        ));
        values.push_str(&format!("f{n}: {value}\n"));
        if n % 8 == 0 {
            text.push('\n');
            filled.push('\n');
        }
    }
    Case::new(text, filled, schema, values)
});

fn case(name: &str) -> &'static Case {
    match name {
        "summary" => &SUMMARY,
        "fields" => &FIELDS,
        _ => unreachable!("only the two inputs above"),
    }
}

const INPUTS: [&str; 2] = ["summary", "fields"];

#[divan::bench(args = INPUTS, max_time = 2)]
fn scan(bencher: Bencher, input: &str) {
    let c = case(input);
    bencher
        .counter(BytesCount::of_str(&c.text))
        .bench(|| c.schema.scanner().scan(black_box(&c.text)));
}

#[divan::bench(args = INPUTS, max_time = 2)]
fn schema_parse(bencher: Bencher, input: &str) {
    let c = case(input);
    bencher
        .counter(BytesCount::of_str(&c.schema_text))
        .bench(|| Schema::parse(black_box(&c.schema_text), "schema.yaml").expect("parses"));
}

#[divan::bench(args = INPUTS, max_time = 2)]
fn values_resolve(bencher: Bencher, input: &str) {
    let c = case(input);
    bencher
        .counter(BytesCount::of_str(&c.values_text))
        .bench(|| {
            let source = Source {
                text: black_box(&c.values_text),
                file: "values.yaml",
            };
            values::resolve(&c.schema, Some(source), &[]).expect("valid")
        });
}

#[divan::bench(args = INPUTS, max_time = 2)]
fn bind(bencher: Bencher, input: &str) {
    let c = case(input);
    bencher
        .counter(BytesCount::of_str(&c.text))
        .bench(|| bind::bind(&c.schema, black_box(&c.text), &c.slots));
}

#[divan::bench(args = INPUTS, max_time = 2)]
fn fill(bencher: Bencher, input: &str) {
    let c = case(input);
    bencher
        .counter(BytesCount::of_str(&c.text))
        .bench(|| c.fill());
}

#[divan::bench(args = INPUTS, max_time = 2)]
fn extract(bencher: Bencher, input: &str) {
    let c = case(input);
    bencher.counter(BytesCount::of_str(&c.filled)).bench(|| {
        let recovered = extract::extract(&c.text, &c.slots, black_box(&c.filled));
        extract::by_field(&c.schema, &c.bindings, &c.text, &c.slots, &recovered)
    });
}

/// The whole of `xfill fill` after reading the files: schema, values, scan, bind, fill.
#[divan::bench(args = INPUTS, max_time = 2)]
fn fill_end_to_end(bencher: Bencher, input: &str) {
    let c = case(input);
    bencher.counter(BytesCount::of_str(&c.text)).bench(|| {
        let schema = Schema::parse(&c.schema_text, "schema.yaml").expect("parses");
        let source = Source {
            text: &c.values_text,
            file: "values.yaml",
        };
        let values = values::resolve(&schema, Some(source), &[]).expect("valid");
        let slots = schema.scanner().scan(&c.text);
        let bindings = bind::bind(&schema, &c.text, &slots);
        fill::fill(
            &c.text,
            &slots,
            &bindings,
            &schema,
            &values,
            fill::Options::default(),
        )
    });
}
