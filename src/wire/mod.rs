//! What the page and the workers say to each other.

pub mod js;
