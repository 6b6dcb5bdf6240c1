//! Rebuilds the crate when a migration is added or changed, so `sqlx::migrate!` embeds the current tree.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
