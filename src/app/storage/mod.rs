//! Where a scenario is kept and carried: drafts in local storage, files, share links.

pub mod drafts;
pub mod files;
pub mod share;
