//! Free space for Cargo's target directory. A build that runs out of space fails with a wall of
//! "No space left on device" compiler errors, so the tasks report the free space first and name
//! it again in the summary when the disk is the likely cause.

use std::path::Path;
use std::process::Command;

use crate::process::output_of;

/// Space a cold `cargo xtask test` writes to the target directory: the workspace's test
/// binaries, the widget's release and test builds, and the proxy. A run in a new target
/// directory left 4.2 GB there (`du -sh`), with incremental compilation's caches.
pub const COLD_TEST_BYTES: u64 = 5 * GIB;

/// Space a cold `cargo xtask demo` writes to the target directory: the widget's and the
/// proxy's release builds, which took about 1.2 GB.
pub const COLD_DEMO_BYTES: u64 = 2 * GIB;

/// Free space below which the summary names the disk as the likely cause of a failed build.
const NEARLY_FULL_BYTES: u64 = GIB;

const GIB: u64 = 1024 * 1024 * 1024;

/// Returns the free bytes on the filesystem of `path`, or of its nearest
/// existing ancestor, as `df` reports them. `None` when `df` cannot tell.
pub fn free_bytes(path: &Path) -> Option<u64> {
    let existing = path.ancestors().find(|ancestor| ancestor.exists())?;
    let report = output_of(Command::new("df").arg("-P").arg("-k").arg(existing))?;
    parse_df_available_kib(&report).map(|kib| kib * 1024)
}

/// Reads the "Available" column, in KiB, of `df -P -k` output.
fn parse_df_available_kib(report: &str) -> Option<u64> {
    let line = report.lines().nth(1)?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Prints the free space for `target_dir`, with a warning when it is less than `needed`.
pub fn report_free_space(target_dir: &Path, needed: u64) {
    let Some(free) = free_bytes(target_dir) else {
        println!("Could not read the free space for {} with `df`.", target_dir.display());
        return;
    };
    println!("{} free for {}.", gib(free), target_dir.display());
    if free < needed {
        println!(
            "warning: a build from scratch writes about {} to {}, and only {} is free. Free some space, \
             or set CARGO_TARGET_DIR to a directory on a larger disk.",
            gib(needed),
            target_dir.display(),
            gib(free)
        );
    }
}

/// Returns a summary line when the disk of `target_dir` is nearly full, since that is the
/// likely cause of a failed build.
pub fn nearly_full_note(target_dir: &Path) -> Option<String> {
    let free = free_bytes(target_dir)?;
    (free < NEARLY_FULL_BYTES).then(|| {
        format!(
            "only {} is free for {}; a build that failed with \"No space left on device\" needs more",
            gib(free),
            target_dir.display()
        )
    })
}

fn gib(bytes: u64) -> String {
    format!("{:.1} GiB", bytes as f64 / GIB as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn df_available_column_read() {
        let report = "Filesystem     1024-blocks      Used Available Capacity Mounted on\n\
                      /dev/vda         263174212  11534336  83886080      13% /\n";
        assert_eq!(parse_df_available_kib(report), Some(83_886_080));
    }

    #[test]
    fn df_without_data_line_unread() {
        assert_eq!(
            parse_df_available_kib("Filesystem 1024-blocks Used Available Capacity Mounted on\n"),
            None
        );
        assert_eq!(parse_df_available_kib(""), None);
    }

    #[test]
    fn existing_directory_has_free_space() {
        assert!(free_bytes(Path::new(env!("CARGO_MANIFEST_DIR"))).is_some_and(|free| free > 0));
    }

    #[test]
    fn missing_directory_measured_on_its_ancestor() {
        let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-dir").join("target");
        assert!(free_bytes(&missing).is_some());
    }

    #[test]
    fn sizes_printed_in_gib() {
        assert_eq!(gib(3 * GIB / 2), "1.5 GiB");
        assert_eq!(gib(287 * 1024 * 1024), "0.3 GiB");
    }
}
