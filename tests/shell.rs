//! Shell integration: completion scripts, the manual page and the pre-commit hook definition,
//! each checked for every subcommand the binary has.

use std::process::Command;

use assert_cmd::cargo::cargo_bin;

/// The subcommands, as `xfill --help` lists them (so a new one is checked without editing here).
fn subcommands() -> Vec<String> {
    let help = run(&["--help"]);
    let list = help
        .split("Commands:\n")
        .nth(1)
        .expect("--help lists its commands")
        .split("\n\n")
        .next()
        .unwrap_or_default();
    let names: Vec<String> = list
        .lines()
        // A wrapped description continues on a line indented further.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect();
    assert!(
        names.len() >= 8,
        "too few subcommands found in --help: {names:?}"
    );
    names
}

fn run(args: &[&str]) -> String {
    let out = Command::new(cargo_bin("xfill"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("xfill runs");
    assert!(out.status.success(), "xfill {args:?} failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn completions_name_every_subcommand_for_every_shell() {
    let subcommands = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = run(&["completions", shell]);
        for sub in &subcommands {
            assert!(
                script.contains(sub.as_str()),
                "{shell} completion lacks `{sub}`"
            );
        }
        assert!(
            script.contains("--schema"),
            "{shell} completion lacks the flags"
        );
    }
}

#[test]
fn bash_completes_subcommands_and_flags() {
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("note: bash is not installed; the bash completion is not run");
        return;
    }
    let script = run(&["completions", "bash"]);
    // Load the script, then ask its completion function what follows the words typed so far.
    let complete = |words: &str| {
        let program = format!(
            "{script}\nCOMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; \
             _xfill xfill \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let out = Command::new("bash")
            .arg("-c")
            .arg(program)
            .output()
            .expect("bash runs");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let after_ch = complete("xfill ch");
    assert_eq!(after_ch.trim(), "check", "xfill ch<TAB>");
    let fill_flags = complete("xfill fill --sch");
    assert_eq!(fill_flags.trim(), "--schema", "xfill fill --sch<TAB>");
}

#[test]
fn man_page_has_a_section_for_every_subcommand() {
    let page = run(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH xfill 1"),
        "not a roff page"
    );
    assert!(page.contains(".TH xfill 1"));
    for sub in subcommands() {
        let heading = format!(".SH \"XFILL {}\"", sub.to_uppercase());
        assert!(page.contains(&heading), "the man page lacks {heading}");
    }
    // Examples from --help are there too, and no line starts with a stray roff request.
    assert!(page.contains("xfill fill samples/summary.txt"));
    assert!(page.contains(".SH EXAMPLES"));
}

#[test]
fn man_page_renders_with_man() {
    let Ok(probe) = Command::new("man").arg("--version").output() else {
        eprintln!("note: man is not installed; the page is not rendered");
        return;
    };
    if !probe.status.success() {
        return;
    }
    let page = run(&["man"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("xfill.1");
    std::fs::write(&file, page).expect("write the page");
    let out = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANWIDTH", "100")
        .output()
        .expect("man runs");
    // Off a terminal, man marks bold and underline by overstriking: keep the last character.
    let text = regex::Regex::new(".\x08")
        .expect("a regex")
        .replace_all(&String::from_utf8_lossy(&out.stdout), "")
        .into_owned();
    assert!(
        out.status.success(),
        "man failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("XFILL FILL"),
        "rendered page lacks the fill section:\n{text}"
    );
    assert!(text.contains("--values"));
}

/// The fields pre-commit requires of a hook (id, name, entry, language) and the types it
/// gives them; see pre-commit's `MANIFEST_HOOK_DICT`.
#[test]
fn pre_commit_hook_definition_is_valid() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .expect(".pre-commit-hooks.yaml at the top level");
    let hooks: serde_json::Value = serde_saphyr::from_str(&text).expect("valid YAML");
    let hooks = hooks.as_array().expect("a list of hooks");
    assert!(!hooks.is_empty());
    const LANGUAGES: [&str; 8] = [
        "rust",
        "system",
        "python",
        "node",
        "golang",
        "docker",
        "script",
        "unsupported",
    ];
    const KNOWN: [&str; 22] = [
        "id",
        "name",
        "entry",
        "language",
        "alias",
        "files",
        "exclude",
        "types",
        "types_or",
        "exclude_types",
        "additional_dependencies",
        "args",
        "always_run",
        "fail_fast",
        "pass_filenames",
        "description",
        "language_version",
        "log_file",
        "minimum_pre_commit_version",
        "require_serial",
        "stages",
        "verbose",
    ];
    for hook in hooks {
        let map = hook.as_object().expect("each hook is a mapping");
        for key in map.keys() {
            let key = key.as_str();
            assert!(
                KNOWN.contains(&key),
                "pre-commit does not know the key `{key}`"
            );
        }
        for required in ["id", "name", "entry", "language"] {
            assert!(
                hook.get(required).and_then(|v| v.as_str()).is_some(),
                "hook lacks `{required}`"
            );
        }
        let language = hook["language"].as_str().unwrap_or_default();
        assert!(LANGUAGES.contains(&language), "unknown language {language}");
        let entry = hook["entry"].as_str().unwrap_or_default();
        assert!(
            entry.starts_with("xfill check"),
            "the hook runs check: {entry}"
        );
        let files =
            regex::Regex::new(hook["files"].as_str().expect("a files pattern")).expect("a regex");
        for name in ["report.txt", "notes.md", "form.docx"] {
            assert!(files.is_match(name), "{name} is checked");
        }
        assert!(!files.is_match("main.rs"));
    }
}
