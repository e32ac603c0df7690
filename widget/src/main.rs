//! The pay page binary that Trunk builds: mounts the app.

fn main() {
    paylink_widget::mount();
}
