//! Running child processes with a readable trace, and the errors xtask reports.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// An xtask failure: a sentence for the person at the terminal.
#[derive(Debug)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

pub fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(Error(message.into()))
}

/// The workspace root (the parent of this crate's manifest directory).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Prints a step header, so a long log shows where it is.
pub fn step(what: &str) {
    println!("==> {what}");
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs `command` with inherited output; an error unless it exits 0.
pub fn run(command: &mut Command) -> Result<()> {
    let line = describe(command);
    println!("    $ {line}");
    let status = command
        .stdin(Stdio::null())
        .status()
        .map_err(|e| Error(format!("{line}: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        fail(format!("`{line}` failed with {status}"))
    }
}

/// Runs `command`, echoing its output, and also returns the text for parsing.
/// The bool says whether it exited 0.
pub fn run_tee(command: &mut Command) -> Result<(bool, String)> {
    use std::io::{BufRead, BufReader};
    let line = describe(command);
    println!("    $ {line}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| Error(format!("{line}: {e}")))?;
    let mut text = String::new();
    if let Some(out) = child.stdout.take() {
        for row in BufReader::new(out)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{row}");
            text.push_str(&row);
            text.push('\n');
        }
    }
    let status = child.wait().map_err(|e| Error(format!("{line}: {e}")))?;
    Ok((status.success(), text))
}

/// Runs `command` quietly and returns its stdout, or `None` if it could not run or failed.
pub fn output(command: &mut Command) -> Option<String> {
    let Output { status, stdout, .. } = command.stdin(Stdio::null()).output().ok()?;
    status
        .success()
        .then(|| String::from_utf8_lossy(&stdout).into_owned())
}
