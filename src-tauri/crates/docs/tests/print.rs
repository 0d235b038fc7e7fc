//! `lp` is replaced by small scripts here; the real CUPS round trip is in tests/cups.rs.
// The stand-ins for `lp` and `powershell` are sh scripts: a Unix-only test.
#![cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use docs::print::{print_pdf_with, PrintError, PrintJob};

fn script(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("lp");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write fake lp");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

fn job() -> PrintJob {
    PrintJob {
        printer: Some("PDF".into()),
        copies: 2,
        title: "Счёт № 12".into(),
    }
}

#[test]
fn pdf_goes_to_lp_on_stdin_with_printer_copies_and_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    let got = dir.path().join("got.pdf");
    let args = dir.path().join("args.txt");
    let lp = script(
        dir.path(),
        &format!(
            "echo \"$@\" > {}\ncat > {}\necho 'request id is PDF-7 (1 file(s))'",
            args.display(),
            got.display()
        ),
    );
    let reply = print_pdf_with(&lp, b"%PDF-1.7 test", &job()).expect("printed");
    assert_eq!(reply, "request id is PDF-7 (1 file(s))");
    assert_eq!(std::fs::read(&got).expect("read"), b"%PDF-1.7 test");
    let args = std::fs::read_to_string(&args).expect("read args");
    assert_eq!(args.trim(), "-d PDF -n 2 -t Счёт № 12 -o media=A4 -");
}

#[test]
fn missing_printer_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lp = script(
        dir.path(),
        "cat > /dev/null\necho 'lp: The printer or class does not exist.' >&2\nexit 1",
    );
    let err = print_pdf_with(&lp, b"%PDF", &job()).expect_err("no such printer");
    assert!(matches!(err, PrintError::Rejected { .. }));
    assert!(err
        .to_string()
        .contains("Принтер «PDF» не принял задание: lp: The printer"));
}

#[test]
fn missing_lp_is_a_typed_error() {
    let err = print_pdf_with(Path::new("/nonexistent/lp"), b"%PDF", &job()).expect_err("no lp");
    assert_eq!(err, PrintError::LpMissing);
    let mut zero = job();
    zero.copies = 0;
    assert_eq!(
        print_pdf_with(Path::new("lp"), b"%PDF", &zero),
        Err(PrintError::Copies(0))
    );
}

/// The Windows path cannot run here; a stand-in `powershell` checks what the desk hands it:
/// the script (decoded from -EncodedCommand), the saved PDF, the printer and the copies.
mod windows_shell {
    use super::*;
    use docs::print::{PrintSystem, WindowsShell};

    fn fake_shell(dir: &Path, body: &str) -> WindowsShell {
        let path = dir.join("powershell");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write fake shell");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        WindowsShell {
            powershell: path,
            spool_dir: dir.join("spool"),
        }
    }

    /// The script inside `-EncodedCommand`, decoded the way PowerShell does.
    fn script_of(args: &str) -> String {
        let b64 = args
            .split_whitespace()
            .skip_while(|a| *a != "-EncodedCommand")
            .nth(1)
            .expect("an encoded command");
        let out = std::process::Command::new("base64")
            .arg("-d")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all(b64.as_bytes())?;
                child.wait_with_output()
            })
            .expect("base64 (coreutils) decodes");
        let units: Vec<u16> = out
            .stdout
            .chunks(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16(&units).expect("utf-16 script")
    }

    #[test]
    fn pdf_is_saved_and_handed_to_the_printto_verb_with_printer_and_copies() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (args, env, got) = (
            dir.path().join("args.txt"),
            dir.path().join("env.txt"),
            dir.path().join("got.pdf"),
        );
        let shell = fake_shell(
            dir.path(),
            &format!(
                "echo \"$@\" > {}\necho \"$ORDERDESK_PRINTER|$ORDERDESK_COPIES\" > {}\n\
                 cp \"$ORDERDESK_PDF\" {}",
                args.display(),
                env.display(),
                got.display()
            ),
        );
        let mut job = job();
        job.printer = Some("Склад \"2\"".into());
        let reply = shell.print(b"%PDF-1.7 win", &job).expect("handed over");
        assert!(reply.contains("«Склад \"2\"», 2 экз."), "{reply}");
        assert_eq!(std::fs::read(&got).expect("saved pdf"), b"%PDF-1.7 win");
        assert_eq!(
            std::fs::read_to_string(&env).expect("env").trim(),
            "Склад \"2\"|2"
        );
        let script = script_of(&std::fs::read_to_string(&args).expect("args"));
        assert!(script.contains("-Verb PrintTo"), "{script}");
        assert!(script.contains("$env:ORDERDESK_PDF"), "{script}");
        assert!(!script.contains("Склад"), "names travel in the environment");
    }

    #[test]
    fn unknown_printer_and_missing_shell_say_why() {
        let dir = tempfile::tempdir().expect("temp dir");
        let shell = fake_shell(dir.path(), "exit 3");
        let err = shell.print(b"%PDF", &job()).expect_err("no such printer");
        assert_eq!(
            err.to_string(),
            "Принтер «PDF» не принял задание: такого принтера нет в Windows"
        );
        let shell = fake_shell(
            dir.path(),
            "echo 'No application is associated with the specified file' >&2; exit 1",
        );
        let err = shell.print(b"%PDF", &job()).expect_err("no PrintTo verb");
        assert!(
            err.to_string().contains("No application is associated"),
            "{err}"
        );
        let missing = WindowsShell {
            powershell: PathBuf::from("/nonexistent/powershell.exe"),
            spool_dir: dir.path().join("spool"),
        };
        assert!(matches!(
            missing.print(b"%PDF", &job()),
            Err(PrintError::ShellMissing(_))
        ));
        let mut zero = job();
        zero.copies = 0;
        assert_eq!(shell.print(b"%PDF", &zero), Err(PrintError::Copies(0)));
    }

    #[test]
    fn printers_are_listed_one_a_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let shell = fake_shell(
            dir.path(),
            "printf 'Склад\\r\\nMicrosoft Print to PDF\\r\\n'",
        );
        assert_eq!(
            shell.printers().expect("listed"),
            ["Склад", "Microsoft Print to PDF"]
        );
        let broken = fake_shell(dir.path(), "echo 'WMI unavailable' >&2; exit 1");
        assert_eq!(
            broken.printers(),
            Err(PrintError::Unavailable("WMI unavailable".into()))
        );
    }
}
