//! Installs the tools the build and the tests need, skipping each one already present.
//!
//! Versions come from `Trunk.toml`, the one place that pins them: `trunk-version` for Trunk,
//! `[tools] wasm_bindgen` for wasm-bindgen-cli and `[tools] wasm_opt` for binaryen. The
//! wasm-bindgen-cli version must equal the `wasm-bindgen` crate in `Cargo.lock`, because the CLI
//! rejects modules built with any other version. The binaryen release must match npm's
//! `binaryen` package in `package-lock.json`, which provides wasm-opt.

use std::path::Path;

use anyhow::{Context, bail, ensure};
use serde::Deserialize;

use crate::process::{cargo, command, output_of, run};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Debian packages the browser tests need, each with the file that shows it is installed:
/// Chromium and ChromeDriver drive the browser, and the end-to-end tests use `sqlite3` to make
/// a price expire in the test proxy's database.
const DEBIAN_PACKAGES: [(&str, &str); 3] = [
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", CHROMEDRIVER),
    ("sqlite3", "/usr/bin/sqlite3"),
];

/// Tool versions pinned by `Trunk.toml`.
#[derive(Debug, PartialEq, Eq)]
pub struct Pins {
    /// Trunk version to install, such as `0.21.14`.
    pub trunk: String,
    /// wasm-bindgen-cli version, such as `0.2.130`.
    pub wasm_bindgen: String,
    /// binaryen release in Trunk's notation, such as `version_132`.
    pub wasm_opt: String,
}

#[derive(Deserialize)]
struct TrunkToml {
    #[serde(rename = "trunk-version")]
    trunk_version: String,
    tools: TrunkTools,
}

#[derive(Deserialize)]
struct TrunkTools {
    wasm_bindgen: String,
    wasm_opt: String,
}

#[derive(Deserialize)]
struct CargoLock {
    package: Vec<LockedPackage>,
}

#[derive(Deserialize)]
struct LockedPackage {
    name: String,
    version: String,
}

/// Installs what a widget build needs, plus Chromium and ChromeDriver when `with_browser` is set.
pub fn ensure_tools(root: &Path, with_browser: bool) -> anyhow::Result<()> {
    println!("Checking tools (versions pinned in Trunk.toml) …");
    let pins = read_pins(root)?;

    ensure_wasm_target(root)?;
    ensure_trunk(root, &pins.trunk)?;
    ensure_wasm_bindgen(root, &pins.wasm_bindgen)?;
    ensure_npm_packages(root)?;
    check_wasm_opt(root, &pins.wasm_opt)?;
    if with_browser {
        ensure_debian_packages(root)?;
    }
    Ok(())
}

/// Reads the pins from `Trunk.toml` and checks them against `Cargo.lock` and `package-lock.json`.
pub fn read_pins(root: &Path) -> anyhow::Result<Pins> {
    let trunk_toml = read(&root.join("Trunk.toml"))?;
    let pins = parse_pins(&trunk_toml).context("invalid Trunk.toml")?;

    let cargo_lock = read(&root.join("Cargo.lock"))?;
    let locked = locked_version(&cargo_lock, "wasm-bindgen").context("invalid Cargo.lock")?;
    ensure!(
        locked == pins.wasm_bindgen,
        "Trunk.toml pins wasm-bindgen-cli {} but Cargo.lock has wasm-bindgen {locked}; \
         set `[tools] wasm_bindgen` in Trunk.toml to {locked}",
        pins.wasm_bindgen,
    );

    let package_lock = read(&root.join("package-lock.json"))?;
    let binaryen = npm_locked_version(&package_lock, "binaryen").context("invalid package-lock.json")?;
    let binaryen_major = binaryen.split('.').next().unwrap_or_default();
    ensure!(
        pins.wasm_opt == format!("version_{binaryen_major}"),
        "Trunk.toml pins wasm-opt {} but package-lock.json has binaryen {binaryen}; \
         make them the same release",
        pins.wasm_opt,
    );
    Ok(pins)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("failed to read {}", path.display()))
}

/// Parses the pins out of `Trunk.toml` text. `trunk-version` is a semver requirement for Trunk
/// itself (`^0.21.14`); the version it names is the one installed.
fn parse_pins(trunk_toml: &str) -> anyhow::Result<Pins> {
    let parsed: TrunkToml = toml::from_str(trunk_toml)?;
    let trunk = parsed
        .trunk_version
        .trim()
        .trim_start_matches(['^', '=', '~', ' '])
        .to_string();
    ensure!(
        !trunk.is_empty() && trunk.split('.').all(|part| part.parse::<u64>().is_ok()),
        "trunk-version {:?} does not name one version such as \"^0.21.14\"",
        parsed.trunk_version,
    );
    Ok(Pins {
        trunk,
        wasm_bindgen: parsed.tools.wasm_bindgen,
        wasm_opt: parsed.tools.wasm_opt,
    })
}

/// Returns the version of `name` in `Cargo.lock`, failing unless exactly one version is locked.
fn locked_version(cargo_lock: &str, name: &str) -> anyhow::Result<String> {
    let lock: CargoLock = toml::from_str(cargo_lock)?;
    let versions: Vec<String> = lock
        .package
        .into_iter()
        .filter(|package| package.name == name)
        .map(|package| package.version)
        .collect();
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!("no {name} package is locked"),
        _ => bail!("several {name} versions are locked ({}); keep one", versions.join(", ")),
    }
}

/// Returns the version of a top-level npm package in `package-lock.json` text.
fn npm_locked_version(package_lock: &str, name: &str) -> anyhow::Result<String> {
    let lock: serde_json::Value = serde_json::from_str(package_lock)?;
    lock["packages"][format!("node_modules/{name}")]["version"]
        .as_str()
        .map(str::to_string)
        .with_context(|| format!("no {name} package is locked"))
}

fn ensure_wasm_target(root: &Path) -> anyhow::Result<()> {
    let installed = output_of(command(root, "rustup").args(["target", "list", "--installed"])).context(
        "failed to run `rustup target list`; the widget build needs rustup to add the wasm32-unknown-unknown target",
    )?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("Rust target {WASM_TARGET} already installed");
        return Ok(());
    }
    println!("Installing Rust target {WASM_TARGET} …");
    run(command(root, "rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk(root: &Path, version: &str) -> anyhow::Result<()> {
    // `trunk --version` prints "trunk 0.21.14".
    let installed = output_of(command(root, "trunk").arg("--version"));
    if let Some(found) = installed.as_deref().and_then(second_word)
        && found == version
    {
        println!("trunk already installed ({found})");
        return Ok(());
    }
    println!("Installing trunk {version} (cargo install, several minutes) …");
    run(cargo(root).args(["install", "trunk", "--version", version, "--locked"]))
}

fn ensure_wasm_bindgen(root: &Path, version: &str) -> anyhow::Result<()> {
    // `wasm-bindgen --version` prints "wasm-bindgen 0.2.130".
    let installed = output_of(command(root, "wasm-bindgen").arg("--version"));
    let runner = output_of(command(root, "wasm-bindgen-test-runner").arg("--version"));
    if let Some(found) = installed.as_deref().and_then(second_word)
        && found == version
        && runner.is_some()
    {
        println!("wasm-bindgen-cli already installed ({found})");
        return Ok(());
    }
    // Without --locked: Cargo resolves the newest compatible dependencies instead of the
    // crate's own lock file.
    println!("Installing wasm-bindgen-cli {version} (cargo install, several minutes) …");
    run(cargo(root).args(["install", "wasm-bindgen-cli", "--version", version]))
}

fn second_word(text: &str) -> Option<&str> {
    text.split_whitespace().nth(1)
}

/// Runs `npm ci` unless `node_modules` already matches `package-lock.json`.
fn ensure_npm_packages(root: &Path) -> anyhow::Result<()> {
    let package_lock = read(&root.join("package-lock.json"))?;
    let installed_lock = std::fs::read_to_string(root.join("node_modules").join(".package-lock.json")).ok();
    if let Some(installed_lock) = installed_lock
        && node_modules_match(&package_lock, &installed_lock)?
    {
        println!("npm packages already installed ({})", npm_package_list(&package_lock)?);
        return Ok(());
    }
    println!("Installing npm packages (npm ci) …");
    run(command(root, "npm").args(["ci", "--no-audit", "--no-fund"]))
        .context("npm ci failed; Node.js 20 or later with npm is needed")
}

/// Reports whether npm's record of what it installed (`node_modules/.package-lock.json`) has
/// every package of `package-lock.json` at the locked version.
fn node_modules_match(package_lock: &str, installed_lock: &str) -> anyhow::Result<bool> {
    let expected: serde_json::Value = serde_json::from_str(package_lock).context("invalid package-lock.json")?;
    let Ok(installed) = serde_json::from_str::<serde_json::Value>(installed_lock) else {
        return Ok(false);
    };
    let Some(packages) = expected["packages"].as_object() else {
        bail!("package-lock.json has no \"packages\" object; regenerate it with npm 7 or later");
    };
    let all_match = packages
        .iter()
        .filter(|(path, _)| !path.is_empty())
        .all(|(path, package)| installed["packages"][path]["version"] == package["version"]);
    Ok(all_match)
}

/// Lists the top-level npm packages with their versions: "binaryen 132.0.0, playwright-core 1.65.2".
fn npm_package_list(package_lock: &str) -> anyhow::Result<String> {
    let lock: serde_json::Value = serde_json::from_str(package_lock).context("invalid package-lock.json")?;
    let names = lock["packages"][""]["devDependencies"]
        .as_object()
        .map(|dependencies| dependencies.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    let mut listed = Vec::new();
    for name in names {
        listed.push(format!("{name} {}", npm_locked_version(package_lock, &name)?));
    }
    Ok(listed.join(", "))
}

fn check_wasm_opt(root: &Path, pinned: &str) -> anyhow::Result<()> {
    let wasm_opt = root.join("node_modules").join(".bin").join("wasm-opt");
    // `wasm-opt --version` prints "wasm-opt version 132 (version_132)".
    let found = output_of(command(root, &wasm_opt).arg("--version"))
        .with_context(|| format!("failed to run {}; run `npm ci`", wasm_opt.display()))?;
    ensure!(
        found.contains(pinned),
        "{} reports `{found}` but Trunk.toml pins wasm-opt {pinned}",
        wasm_opt.display(),
    );
    println!("wasm-opt already installed ({pinned}, from npm binaryen)");
    Ok(())
}

/// Installs the [`DEBIAN_PACKAGES`] that are missing, with apt-get.
fn ensure_debian_packages(root: &Path) -> anyhow::Result<()> {
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        let version = output_of(command(root, CHROMEDRIVER).arg("--version")).unwrap_or_default();
        println!(
            "Chromium, ChromeDriver and sqlite3 already installed ({})",
            version_words(&version)
        );
        return Ok(());
    }

    let packages = missing.join(" ");
    let advice = format!(
        "the Debian packages {packages} are missing; install them as root: \
         apt-get update && apt-get install -y {packages}"
    );
    let is_root = output_of(command(root, "id").arg("-u")).as_deref() == Some("0");
    let sudo_works = !is_root && output_of(command(root, "sudo").args(["-n", "true"])).is_some();
    if !is_root && !sudo_works {
        bail!("{advice} (this user is not root and cannot use sudo without a password)");
    }

    println!("Installing {packages} (apt-get) …");
    let apt_get = |arguments: &[&str]| {
        let mut apt = if is_root {
            command(root, "apt-get")
        } else {
            let mut sudo = command(root, "sudo");
            sudo.args(["-n", "apt-get"]);
            sudo
        };
        apt.env("DEBIAN_FRONTEND", "noninteractive").args(arguments);
        run(&mut apt).with_context(|| advice.clone())
    };
    apt_get(&["update"])?;
    apt_get(&[&["install", "-y"][..], &missing].concat())?;

    let still_missing: Vec<&str> =
        DEBIAN_PACKAGES.iter().filter(|(_, file)| !Path::new(file).exists()).map(|(_, file)| *file).collect();
    ensure!(still_missing.is_empty(), "apt-get finished but {} is missing", still_missing.join(", "));
    Ok(())
}

/// Keeps "ChromeDriver 156.0.8078.73" out of a longer version line.
fn version_words(version: &str) -> String {
    version.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_TOML: &str = r#"
trunk-version = "^0.21.14"

[build]
target = "index.html"

[tools]
wasm_bindgen = "0.2.130"
wasm_opt = "version_132"
"#;

    #[test]
    fn pins_read_from_trunk_toml() {
        let pins = parse_pins(TRUNK_TOML).unwrap();
        assert_eq!(
            pins,
            Pins {
                trunk: "0.21.14".into(),
                wasm_bindgen: "0.2.130".into(),
                wasm_opt: "version_132".into(),
            }
        );
    }

    #[test]
    fn trunk_version_range_rejected() {
        let text = TRUNK_TOML.replace("^0.21.14", ">=0.21, <0.22");
        let error = parse_pins(&text).unwrap_err().to_string();
        assert!(error.contains("does not name one version"), "{error}");
    }

    #[test]
    fn missing_tools_table_rejected() {
        assert!(parse_pins("trunk-version = \"0.21.14\"\n").is_err());
    }

    #[test]
    fn locked_version_found_once() {
        let lock = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"

[[package]]
name = "wasm-bindgen-futures"
version = "0.4.53"
"#;
        assert_eq!(locked_version(lock, "wasm-bindgen").unwrap(), "0.2.130");
        assert!(locked_version(lock, "trunk").is_err());
    }

    #[test]
    fn locked_version_twice_rejected() {
        let lock = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"

[[package]]
name = "wasm-bindgen"
version = "0.2.100"
"#;
        let error = locked_version(lock, "wasm-bindgen").unwrap_err().to_string();
        assert!(error.contains("0.2.130, 0.2.100"), "{error}");
    }

    const PACKAGE_LOCK: &str = r#"{
  "packages": {
    "": { "devDependencies": { "binaryen": "132.0.0", "playwright-core": "1.65.2" } },
    "node_modules/binaryen": { "version": "132.0.0" },
    "node_modules/playwright-core": { "version": "1.65.2" }
  }
}"#;

    #[test]
    fn node_modules_matching_lock() {
        let installed = r#"{ "packages": {
            "node_modules/binaryen": { "version": "132.0.0" },
            "node_modules/playwright-core": { "version": "1.65.2" } } }"#;
        assert!(node_modules_match(PACKAGE_LOCK, installed).unwrap());
    }

    #[test]
    fn node_modules_with_old_version_stale() {
        let installed = r#"{ "packages": {
            "node_modules/binaryen": { "version": "132.0.0" },
            "node_modules/playwright-core": { "version": "1.64.1" } } }"#;
        assert!(!node_modules_match(PACKAGE_LOCK, installed).unwrap());
    }

    #[test]
    fn node_modules_missing_package_stale() {
        let installed = r#"{ "packages": { "node_modules/binaryen": { "version": "132.0.0" } } }"#;
        assert!(!node_modules_match(PACKAGE_LOCK, installed).unwrap());
        assert!(!node_modules_match(PACKAGE_LOCK, "not json").unwrap());
    }

    #[test]
    fn npm_packages_listed_with_versions() {
        assert_eq!(
            npm_package_list(PACKAGE_LOCK).unwrap(),
            "binaryen 132.0.0, playwright-core 1.65.2"
        );
    }
}
