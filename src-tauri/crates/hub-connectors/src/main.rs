//! `orderdesk-hub serve` | `orderdesk-hub admin …`: argument parsing only; the work is in
//! the library.

use std::path::PathBuf;

use anyhow::{bail, Context};
use hub::{admin, db, Config};
use hub_connectors::ConnectorHub;
use uuid::Uuid;

const USAGE: &str = "usage:
  orderdesk-hub [--config FILE] serve
  orderdesk-hub [--config FILE] migrate
  orderdesk-hub [--config FILE] quickstart SHOP_NAME ADMIN_LOGIN ADMIN_NAME [--tls HOST...]
      --tls: also make the shop's own certificate authority and the hub's certificate for
      the names or addresses the PCs reach it by (in DATA_DIR/tls)
  orderdesk-hub [--config FILE] admin create-shop NAME
  orderdesk-hub [--config FILE] admin create-user SHOP_ID LOGIN NAME ROLE
      ROLE: admin | manager | picker | dispatcher
  orderdesk-hub [--config FILE] admin create-device USER_ID NAME [--shared]
      --shared: a PC several members take turns at, each signing in with their PIN
  orderdesk-hub [--config FILE] admin set-pin USER_ID   (reads the PIN from standard input)
  orderdesk-hub [--config FILE] admin revoke-device DEVICE_ID
  orderdesk-hub [--config FILE] admin list-devices SHOP_ID
  orderdesk-hub [--config FILE] admin revoke-user USER_ID
  orderdesk-hub [--config FILE] admin set-role USER_ID ROLE
  orderdesk-hub [--config FILE] connector enable SHOP_ID
  orderdesk-hub [--config FILE] connector disable SHOP_ID
  orderdesk-hub [--config FILE] connector list
  orderdesk-hub [--config FILE] connector urls SHOP_ID PUBLIC_URL   (e.g. https://hub.example.ru)
environment: ORDERDESK_HUB_DATABASE_URL, ORDERDESK_HUB_LISTEN, ORDERDESK_HUB_CONFIG,
  ORDERDESK_HUB_DATA_DIR";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    // Read as the OS gave them: a non-UTF-8 argument is refused with a message, not a panic.
    let mut args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| {
            a.into_string()
                .map_err(|a| anyhow::anyhow!("{a:?} is not UTF-8 text\n{USAGE}"))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut file = std::env::var_os("ORDERDESK_HUB_CONFIG").map(PathBuf::from);
    if args.first().map(String::as_str) == Some("--config") {
        if args.len() < 2 {
            bail!("--config needs a file\n{USAGE}");
        }
        file = Some(PathBuf::from(args.remove(1)));
        args.remove(0);
    }
    let config = Config::load(file.as_deref())?;
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let pool = || db::pool_with(&config.database_url, config.database_ca_file.as_deref(), 2);
    match words.as_slice() {
        ["serve"] => {
            let hub = ConnectorHub::start(&config).await?;
            println!("orderdesk-hub listening on {}", hub.url());
            tokio::select! {
                () = hub.wait() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        ["migrate"] => db::migrate(&pool()?).await?,
        ["quickstart", shop, login, name, rest @ ..] => {
            let hosts = match rest {
                [] => None,
                ["--tls", hosts @ ..] => {
                    Some(hosts.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>())
                }
                _ => bail!("{USAGE}"),
            };
            let pool = pool()?;
            db::migrate(&pool).await?;
            let shop_id = admin::create_shop(&pool, shop).await?;
            let user = admin::create_user(&pool, shop_id, login, name, "admin").await?;
            let (device, token) = admin::create_device(&pool, user, "first desk").await?;
            println!("shop {shop_id}\nuser {user}\ndevice {device}\ntoken {token}");
            println!("(the token is shown once; give it to the desk that joins)");
            if let Some(hosts) = hosts {
                let made = hub_connectors::own_tls::make(&config.data_dir, &hosts)?;
                println!("tls_cert_file {}", made.cert.display());
                println!("tls_key_file {}", made.key.display());
                println!("shop_ca {}", made.ca.display());
                println!(
                    "(put the first two in the config to serve https; install shop_ca on each PC \
                     as a trusted root certificate, e.g. on Windows: certutil -addstore Root FILE)"
                );
            }
        }
        ["admin", rest @ ..] => {
            let pool = pool()?;
            db::migrate(&pool).await?;
            match rest {
                ["create-shop", name] => println!("{}", admin::create_shop(&pool, name).await?),
                ["create-user", shop, login, name, role] => println!(
                    "{}",
                    admin::create_user(&pool, id(shop)?, login, name, role).await?
                ),
                ["create-device", user, name] => {
                    let (device, token) = admin::create_device(&pool, id(user)?, name).await?;
                    println!("device {device}\ntoken {token}");
                    println!("(the token is shown once; it is stored hashed)");
                }
                ["create-device", user, name, "--shared"] => {
                    let (device, token) =
                        admin::create_shared_device(&pool, id(user)?, name).await?;
                    println!("shared device {device}\ntoken {token}");
                    println!("(the token is shown once; it is stored hashed)");
                    println!("members sign in at it with the PIN set by `admin set-pin`");
                }
                ["set-pin", user] => {
                    // Standard input, not an argument: arguments show in the process list
                    // and the shell's history.
                    eprint!("PIN (then Enter): ");
                    let mut pin = String::new();
                    std::io::stdin()
                        .read_line(&mut pin)
                        .context("reading the PIN from standard input")?;
                    admin::set_pin(&pool, id(user)?, pin.trim_end_matches(['\r', '\n'])).await?;
                    println!("PIN set; shared PCs learn it at their next sync");
                }
                ["revoke-device", device] => admin::revoke_device(&pool, id(device)?).await?,
                ["list-devices", shop] => {
                    for d in admin::list_devices(&pool, id(shop)?).await? {
                        let state = match (d.revoked, d.shared) {
                            (true, _) => "revoked",
                            (false, true) => "active shared",
                            (false, false) => "active",
                        };
                        println!(
                            "{}\t{}\t{}\t{}\t{}\t{}\t{state}",
                            d.id, d.name, d.user_id, d.login, d.user_name, d.role
                        );
                    }
                }
                ["revoke-user", user] => {
                    let n = admin::revoke_user(&pool, id(user)?).await?;
                    println!("user revoked; {n} active device(s) revoked with them");
                }
                ["set-role", user, role] => admin::set_role(&pool, id(user)?, role).await?,
                _ => bail!("{USAGE}"),
            }
        }
        ["connector", rest @ ..] => {
            let pool = pool()?;
            db::migrate(&pool).await?;
            match rest {
                ["enable", shop] => {
                    let shop = id(shop)?;
                    let device =
                        hub_connectors::admin::enable(&pool, &config.data_dir, shop).await?;
                    let dir = hub_connectors::admin::shop_dir(&config.data_dir, shop);
                    println!("connectors of shop {shop} run on this hub as device {device}");
                    println!("data and secret file: {}", dir.display());
                    println!("(a running hub starts them within 30 s)");
                }
                ["disable", shop] => hub_connectors::admin::disable(&pool, id(shop)?).await?,
                ["list"] => {
                    for (shop, device) in hub_connectors::admin::list(&pool).await? {
                        println!("{shop} {device}");
                    }
                }
                ["urls", shop, public] => {
                    for line in hub_connectors::admin::urls(&config.data_dir, id(shop)?, public)? {
                        println!("{line}");
                    }
                }
                _ => bail!("{USAGE}"),
            }
        }
        _ => bail!("{USAGE}"),
    }
    Ok(())
}

fn id(text: &str) -> anyhow::Result<Uuid> {
    Uuid::parse_str(text).with_context(|| format!("{text:?} is not an id"))
}
