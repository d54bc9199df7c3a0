// explorerview.h — the interface of an explorer view, one tab of the Explore
// tab (Latent, Map, Interpolation, Style mix, Translate, Samples, …), and of
// the host that shows it (ExploreView). A view describes itself — its id and
// aliases for --explore-view, its title, the capabilities it needs and why it
// is unavailable for a model — and takes model changes and dropped pictures;
// the host builds its tabs, tooltips, drop dispatch and the --explore-view
// choices from the explicit list in explorerviews.cpp and knows no concrete
// view. A new view is one folder under explore/ and one line in that list.
//
// Ownership: the widget a view returns is the view itself or owned by it; the
// host parents it into its tab widget, so the host's widget tree owns both.
// The host outlives its views. Thread affinity: GUI thread. Failure modes: a
// view reports what goes wrong through ExplorerHost::showError. Every view gets
// modelChanged, available or not (so it can clear itself); dropped pictures go
// only to the view in front, and only after the host read them (Drops::Images)
// or while the view is available (Drops::Files).
#pragma once

#include <QString>
#include <QStringList>

#include "core/explore/explorer.h"
#include "explore/explorationworker.h"

class BookmarkStore;
class QWidget;
class ExplorerView;

// What an explorer view may ask of the Explore tab.
class ExplorerHost
{
public:
    virtual ~ExplorerHost() = default;

    virtual ExplorationWorker *worker() const = 0;
    virtual BookmarkStore *bookmarkStore() const = 0;
    virtual ExplorerInfo modelInfo() const = 0;
    virtual void showError(const QString &message) = 0;
    virtual void showNotice(const QString &message) = 0;
    // Another view by id (null when there is none), and bringing one forward.
    virtual ExplorerView *explorerView(const QString &id) const = 0;
    virtual bool showSubView(const QString &name) = 0;
    // As if the files were dropped onto the tab; the checkpoint dialog.
    virtual void dropFiles(const QStringList &paths) = 0;
    virtual void chooseCheckpoint() = 0;
};

class ExplorerView
{
public:
    // How dropped pictures reach the view.
    enum class Drops {
        None,   // refused with dropRefusal()
        Images, // read by the host (size-checked, as the model's input) and given to takeImage()
        Files,  // given to takeFile(), which reads them itself (at full size)
    };

    virtual ~ExplorerView() = default;

    virtual QString id() const = 0;                  // "latent", for --explore-view
    virtual QStringList aliases() const { return {}; } // other names, "interp*" matches by prefix
    virtual QString title() const = 0;               // the tab's text
    virtual unsigned requiredCapabilities() const = 0; // gs::Capability bits, all needed
    // Whether the view works for the model: the capabilities, on image data.
    virtual bool isAvailable(const ExplorerInfo &info) const;
    // The tab's tooltip while available (may be empty), and why not otherwise.
    virtual QString toolTip(const ExplorerInfo &info) const;
    virtual QString unavailableReason(const ExplorerInfo &info) const = 0;

    // Connects the view to its host, once, right after it is made.
    virtual void attach(ExplorerHost &host) { (void)host; }
    // Every model the tab explores, available or not (the view may clear itself).
    virtual void modelChanged(const ExplorerInfo &info) = 0;

    virtual Drops drops() const { return Drops::None; }
    virtual void takeImage(const gs::Image &image, const QString &label);
    virtual bool takeFile(const QString &path); // false: not usable, try the next file
    virtual QString dropRefusal(const ExplorerInfo &info, const QString &label) const;

    // The style-space bar (z/w, truncation) shows above this view for style models.
    virtual bool showsStyleSpaceBar() const { return false; }

    virtual QWidget *widget() = 0;

    bool matches(const QString &name) const; // id or alias, case-insensitive
};
