//! `lp` is replaced by small scripts here; the real CUPS round trip is in tests/cups.rs.
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
