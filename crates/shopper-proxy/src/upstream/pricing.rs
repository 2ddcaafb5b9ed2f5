//! Pricing REST calls: utilities by ZIP and matrix prices.

use shopper_types::upstream::{PriceQuery, PriceResponse, UtilitiesByLocation};

use super::{UpstreamClient, UpstreamError};

impl UpstreamClient {
    /// Fetches the utilities serving a five-digit ZIP code.
    #[tracing::instrument(skip(self), err(Display))]
    pub async fn utilities_by_location(&self, postal_code: &str) -> Result<UtilitiesByLocation, UpstreamError> {
        self.get_json("/v2/utilities/by-location", &[("postal_code", postal_code.to_owned())]).await
    }

    /// Fetches the day's supplier prices, without any broker fee.
    #[tracing::instrument(skip(self), fields(utility = %query.utility, postal_code = %query.postal_code), err(Display))]
    pub async fn prices(&self, query: &PriceQuery) -> Result<PriceResponse, UpstreamError> {
        let mut parameters = vec![
            ("postal_code", query.postal_code.clone()),
            ("account_type", query.account_type.clone()),
            ("utility", query.utility.clone()),
            ("commodity", query.commodity.as_str().to_owned()),
            ("annual_usage", query.annual_usage.to_string()),
            ("start_month", query.start_month.clone()),
        ];
        if let Some(term_months) = query.term_months {
            parameters.push(("term_months", term_months.to_string()));
        }
        self.get_json("/v2/prices/by-location", &parameters).await
    }
}
