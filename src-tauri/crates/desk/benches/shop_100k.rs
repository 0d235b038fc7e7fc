//! Makes the shop of 100,000 orders that `cargo xtask bench startup` opens the desk on
//! (issue 19: `cold_start_100k_ms`, `rss_100k_mb`): the core bench's generator, 10,000 of
//! the orders active in the stages, into the directory given as the first argument. A
//! directory that holds such a shop already is left as it is.

// The core bench's shop generator; this binary uses the part that makes the large shop.
#[allow(dead_code)]
#[path = "core/generate.rs"]
mod generate;

use std::path::PathBuf;

const ORDERS: usize = 100_000;
const ACTIVE: usize = 10_000;
/// Written last: a directory without it holds a generation that did not finish.
const DONE: &str = "generated-100k";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; the directory is the argument that is not an option.
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .ok_or("usage: shop_100k DIR")?;
    if dir.join(DONE).exists() {
        println!("the 100,000-order shop is ready in {}", dir.display());
        return Ok(());
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    // Bench code, not business logic: the shop is made as of the moment it is generated.
    let now = jiff::Timestamp::now();
    let made = generate::shop(&dir, now, ORDERS, ACTIVE)?;
    std::fs::write(dir.join(DONE), format!("{} orders\n", made.orders))?;
    println!(
        "generated {} orders in {:.1} s into {}",
        made.orders,
        made.seconds,
        dir.display()
    );
    Ok(())
}
