//! Shell integration: completion scripts (clap_complete) and the manual page (clap_mangen),
//! both made from the one clap definition, so they list every subcommand and flag there is.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

pub const COMPLETIONS_HELP: &str = "\
Examples:
  source <(xfill completions bash)               try it in this shell
  xfill completions bash > ~/.local/share/bash-completion/completions/xfill
  xfill completions zsh > ~/.zfunc/_xfill        with fpath=(~/.zfunc $fpath)
  xfill completions fish > ~/.config/fish/completions/xfill.fish

Exit code: 0; 2 on a shell it does not know.";

pub const MAN_HELP: &str = "\
Examples:
  xfill man | man -l -                           read it now
  xfill man > ~/.local/share/man/man1/xfill.1    then: man xfill

Exit code: 0.";

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut impl Write) -> std::io::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "xfill", out);
    out.flush()
}

/// Writes the manual page: the main page, then one section per subcommand with its options
/// and examples, so that `man xfill` holds everything `--help` says.
pub fn man(out: &mut impl Write) -> std::io::Result<()> {
    let command = Cli::command();
    let main = clap_mangen::Man::new(command.clone());
    main.render_title(out)?;
    main.render_name_section(out)?;
    main.render_synopsis_section(out)?;
    main.render_description_section(out)?;
    main.render_options_section(out)?;
    if let Some(after) = command.get_after_help() {
        writeln!(
            out,
            ".SH EXAMPLES\n.nf\n{}\n.fi",
            roff_escape(&after.to_string())
        )?;
    }
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("xfill {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let page = clap_mangen::Man::new(sub.clone().bin_name(name));
        // Rendered apart, so that its section headings become sub-headings of this one.
        let mut section = Vec::new();
        page.render_synopsis_section(&mut section)?;
        if let Some(about) = sub.get_about() {
            writeln!(section, ".PP\n{}", roff_escape(&about.to_string()))?;
        }
        page.render_options_section(&mut section)?;
        if let Some(after) = sub.get_after_help() {
            writeln!(
                section,
                ".PP\n.nf\n{}\n.fi",
                roff_escape(&after.to_string())
            )?;
        }
        let section = String::from_utf8_lossy(&section).replace("\n.SH ", "\n.SS ");
        out.write_all(section.as_bytes())?;
    }
    main.render_version_section(out)?;
    out.flush()
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
