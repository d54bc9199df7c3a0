#include "explore/latent/latentedit.h"

void LatentEdit::setBase(const gs::Latent &base)
{
    mBase = base;
    clearEdits();
}

void LatentEdit::setDirections(const gs::Directions &directions)
{
    const gs::Directions previous = std::move(mDirections);
    mDirections = directions;
    // PCA signs are arbitrary: keep each direction pointing the way it did.
    for (size_t k = 0; k < mDirections.directions.size() && k < previous.directions.size(); ++k) {
        gs::Latent &u = mDirections.directions[k];
        const gs::Latent &old = previous.directions[k];
        double dot = 0;
        for (size_t i = 0; i < u.size() && i < old.size(); ++i)
            dot += double(u[i]) * old[i];
        if (dot < 0) {
            for (float &v : u)
                v = -v;
        }
    }
    mDirections.stddev.resize(mDirections.directions.size(), 1.0f);
    mEdits.resize(mDirections.directions.size(), 0.0);
}

void LatentEdit::setEdit(int index, double sigmas)
{
    if (index >= 0 && size_t(index) < mEdits.size())
        mEdits[size_t(index)] = sigmas;
}

void LatentEdit::clearEdits()
{
    mEdits.assign(mDirections.directions.size(), 0.0);
}

gs::Latent LatentEdit::latent() const
{
    gs::Latent z = mBase;
    for (size_t k = 0; k < mEdits.size(); ++k) {
        const double step = mEdits[k] * mDirections.stddev[k];
        const gs::Latent &u = mDirections.directions[k];
        for (size_t i = 0; i < z.size() && i < u.size(); ++i)
            z[i] += float(step * u[i]);
    }
    return z;
}

gs::Latent LatentEdit::with(int index, double sigmas) const
{
    LatentEdit copy = *this;
    copy.setEdit(index, sigmas);
    return copy.latent();
}

double LatentEdit::explainedTotal() const
{
    double total = 0;
    for (float share : mDirections.explained)
        total += share;
    return total;
}
