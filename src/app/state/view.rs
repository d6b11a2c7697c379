//! What the user chose to see, apart from the document: these choices change no figure.

use crate::model::Figure;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ViewState {
    /// The figure the comparison ranks by.
    pub rank_by: RwSignal<Figure>,
    /// The initiative picked for the tornado chart (`None`: the highest NPV).
    pub tornado_of: RwSignal<Option<usize>>,
}

impl ViewState {
    pub fn new() -> Self {
        ViewState {
            rank_by: RwSignal::new(Figure::Npv),
            tornado_of: RwSignal::new(None),
        }
    }
}

impl Default for ViewState {
    fn default() -> Self {
        Self::new()
    }
}
