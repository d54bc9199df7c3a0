// latentedit.h — a latent as the GANSpace way edits it: a base latent plus
// a coefficient (in standard deviations) along each principal direction.
// New directions keep the signs of the previous ones, so recomputing them
// while training goes on does not flip the picture.
//
// Ownership: value type. Thread affinity: none (used on the GUI thread).
// Failure modes: out-of-range indices are ignored; a base of another size than
// the directions leaves the extra components unedited.
#pragma once

#include <vector>

#include "core/explore/explorer.h"

class LatentEdit
{
public:
    void setBase(const gs::Latent &base); // the edits go back to 0
    const gs::Latent &base() const { return mBase; }
    void setDirections(const gs::Directions &directions);
    const gs::Directions &directions() const { return mDirections; }
    int count() const { return int(mDirections.directions.size()); }

    void setEdit(int index, double sigmas);
    const std::vector<double> &edits() const { return mEdits; }
    void clearEdits();

    // base + Σ edit_k · σ_k · u_k
    gs::Latent latent() const;
    // The same with direction `index` set to `sigmas` (a sweep frame).
    gs::Latent with(int index, double sigmas) const;
    double explainedTotal() const; // share of variance of all directions, 0–1

private:
    gs::Latent mBase;
    gs::Directions mDirections;
    std::vector<double> mEdits;
};
