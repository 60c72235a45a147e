pub fn hello() {}
pub mod flee;
