// catalogsuggestions.h — ids from the model and dataset catalogs for the
// sentences that tell a person what to train when a view is unavailable
// ("train the style-based generator (model …)"), found by capability so the
// explorer views never name a model or dataset themselves.
//
// Ownership: free functions over the immutable catalogs. Thread affinity: any.
// Failure modes: none; an empty string when nothing in the catalog fits.
#pragma once

#include <QString>

namespace CatalogSuggestions {

// The id of the first catalog model that has every bit of `capabilities`.
QString modelWith(unsigned capabilities);
// The id of the first built-in (no folder needed) two-domain dataset.
QString twoDomainDataset();

} // namespace CatalogSuggestions
