//! The manual page of a command line, in roff, made from its clap definition (with
//! clap_mangen), so that it lists every subcommand and flag there is, with their examples.

use std::io::Write;

/// Writes the manual page of `command` (roff): the main page, then one section per
/// subcommand with its options and examples, so that the page holds everything `--help`
/// says.
pub fn page(command: &clap::Command, out: &mut impl Write) -> std::io::Result<()> {
    let main = clap_mangen::Man::new(command.clone());
    main.render_title(out)?;
    main.render_name_section(out)?;
    main.render_synopsis_section(out)?;
    main.render_description_section(out)?;
    main.render_options_section(out)?;
    examples(out, command, ".SH EXAMPLES")?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{} {}", command.get_name(), sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let page = clap_mangen::Man::new(sub.clone().bin_name(name));
        // Rendered apart, so that its section headings become sub-headings of this one.
        let mut section = Vec::new();
        page.render_synopsis_section(&mut section)?;
        if let Some(about) = sub.get_about() {
            writeln!(section, ".PP\n{}", roff_escape(&about.to_string()))?;
        }
        page.render_options_section(&mut section)?;
        examples(&mut section, sub, ".PP")?;
        let section = String::from_utf8_lossy(&section).replace("\n.SH ", "\n.SS ");
        out.write_all(section.as_bytes())?;
    }
    main.render_version_section(out)?;
    out.flush()
}

/// Writes the text after `command`'s help (its examples) as it stands, under `heading`.
fn examples(out: &mut impl Write, command: &clap::Command, heading: &str) -> std::io::Result<()> {
    match command.get_after_help() {
        Some(after) => {
            let after = roff_escape(&after.to_string());
            writeln!(out, "{heading}\n.nf\n{after}\n.fi")
        }
        None => Ok(()),
    }
}

/// Escapes text for roff: a backslash doubles, and a line may not start with `.` or `'`.
fn roff_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for line in text.split('\n') {
        if !escaped.is_empty() {
            escaped.push('\n');
        }
        if line.starts_with(['.', '\'']) {
            escaped.push_str("\\&");
        }
        escaped.push_str(&line.replace('\\', "\\e"));
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_escape_guards_backslashes_and_leading_dots() {
        assert_eq!(roff_escape("a \\ b"), "a \\e b");
        assert_eq!(roff_escape(".x\n'y\nz."), "\\&.x\n\\&'y\nz.");
    }

    #[test]
    fn each_subcommand_gets_a_section_with_its_examples() {
        let command = clap::Command::new("tool")
            .version("1.0")
            .about("A tool.")
            .subcommand(
                clap::Command::new("go")
                    .about("Go.")
                    .after_help("Examples:\n  tool go"),
            );
        let mut out = Vec::new();
        page(&command, &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.contains(".SH \"TOOL GO\"\n"), "{page}");
        assert!(
            page.contains(".PP\n.nf\nExamples:\n  tool go\n.fi"),
            "{page}"
        );
    }
}
