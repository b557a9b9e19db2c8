//! Shell integration: completion scripts (clap_complete) and the manual page
//! ([`xfill::report::man`]), both made from the one clap definition, so they list every
//! subcommand and flag there is.

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
