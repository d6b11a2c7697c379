//! What the page and the workers say to each other: the typed protocol ([`protocol`]), the words
//! that travel ([`texts`]) and the neutral form both are encoded to ([`value`]), all pure and
//! tested natively; in the browser, [`js`] turns the neutral form into JS objects and back, and
//! [`intl`] is the `Intl` number formatter the page and the workers pass to the words.

pub mod protocol;
pub mod texts;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod intl;
#[cfg(target_arch = "wasm32")]
pub mod js;

pub use protocol::{figure_key, figure_of, ChartId, Reply, Request, RowKey, SimRow, Subject};
pub use texts::{
    ChartText, DashboardText, Pointer, PortfolioText, Report, RowText, Sentence, TableText,
    TileText, Tip, TrackedText,
};
pub use value::Value;
