//! The first run: what this shop is (the demo, its own, a team's) and the steps of setting
//! up a shop of its own.

use serde::{Deserialize, Serialize};

/// What the first run made of the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetupKind {
    /// Nothing chosen yet: the window shows the first-run screen.
    New,
    Demo,
    Own,
    Team,
}

/// Where a shop of its own is in its setup; `Done` for every other kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetupStep {
    Requisites,
    Workflow,
    /// «Доставка и оплата».
    Methods,
    Admin,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopSetupView {
    pub kind: SetupKind,
    pub step: SetupStep,
    /// The name its owner gave a shop of its own.
    pub shop_name: Option<String>,
}

/// The workflows a new shop may start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowTemplate {
    /// The courier shop of the seeds: nine stages, courier, post and pickup.
    Courier,
    /// A marketplace's orders, delivered by the marketplace.
    Marketplace,
    /// Collected at the shop's counter only.
    Pickup,
}

/// A template with the names of its stages, in order, for the choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowTemplateView {
    pub template: WorkflowTemplate,
    pub stages: Vec<String>,
}
