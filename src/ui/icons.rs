//! Device icons: inline SVG, so the component ships no image files.

use leptos::prelude::*;

use crate::core::model::{DeviceIcon, DeviceKind};

/// An icon for the device type, with `label` (the type's name, worded by the
/// caller from [`DeviceKind::label`]) as its accessible name.
#[component]
pub fn DeviceIconView(kind: DeviceKind, label: String) -> impl IntoView {
    let path = match kind.icon() {
        DeviceIcon::Computer => "M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-5v2h3v2H7v-2h3v-2H5a2 2 0 0 1-2-2zm2 0v10h14V5z",
        DeviceIcon::Phone => "M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h10V4zm4 13h2v2h-2z",
        DeviceIcon::Tablet => "M5 2h14a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h14V4zm6 13h2v2h-2z",
        DeviceIcon::Globe => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-2.9a15 15 0 0 0-1.4-3.9A8 8 0 0 1 18.9 8zM12 4a13 13 0 0 1 1.9 4h-3.8A13 13 0 0 1 12 4zM4.3 14a8 8 0 0 1 0-4h3.3a17 17 0 0 0 0 4zm.8 2h2.9a15 15 0 0 0 1.4 3.9A8 8 0 0 1 5.1 16zM8 8H5.1a8 8 0 0 1 4.3-3.9A15 15 0 0 0 8 8zm4 12a13 13 0 0 1-1.9-4h3.8A13 13 0 0 1 12 20zm2.3-6H9.7a15 15 0 0 1 0-4h4.6a15 15 0 0 1 0 4zm.3 5.9a15 15 0 0 0 1.4-3.9h2.9a8 8 0 0 1-4.3 3.9zm1.8-5.9a17 17 0 0 0 0-4h3.3a8 8 0 0 1 0 4z",
    };
    view! {
        <svg class="as-icon" viewBox="0 0 24 24" role="img" aria-label=label focusable="false">
            <path fill="currentColor" d=path></path>
        </svg>
    }
}
