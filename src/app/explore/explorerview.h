// explorerview.h — the interface of an explorer view, one tab of the Explore
// tab (Latent, Map, Interpolation, Style mix, Translate, Samples, …), and of
// the host that shows it (ExploreView). A view describes itself once, in an
// ExplorerView::Traits value it hands to the base — its id and aliases for
// --explore-view, its title, the capabilities it needs, its tooltip, why it is
// unavailable, how it takes dropped pictures, whether the style-space bar
// shows above it — and keeps virtual only its behaviour: attaching to the
// host, model changes, dropped pictures and, where a view differs, its
// availability, unavailable sentence and drop refusal. The host builds its
// tabs, tooltips, drop dispatch and the --explore-view choices from the
// explicit list in explorerviews.cpp and knows no concrete view. A new view is
// one folder under explore/ and one line in that list.
//
// Ownership: the widget a view returns is the view itself or owned by it; the
// host parents it into its tab widget, so the host's widget tree owns both.
// The host outlives its views. Thread affinity: GUI thread. Failure modes: a
// view reports what goes wrong through ExplorerHost::showError (forwardErrors
// and forwardMessages connect its error and notice signals to the host). Every
// view gets modelChanged, available or not (so it can clear itself); dropped
// pictures go only to the view in front, and only after the host read them
// (Drops::Images) or while the view is available (Drops::Files).
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <utility>

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
    // The training session's run folder (core/train/run_folder.h), empty when
    // there is none yet or the host does not follow training.
    virtual QString trainingRunFolder() const { return QString(); }
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

    // What a view is, said once: the view builds it (in its *_explorer.cpp)
    // and hands it to the ExplorerView constructor; the host reads it through
    // the non-virtual accessors below.
    struct Traits
    {
        Traits(QString id, QString title, unsigned requiredCapabilities);
        Traits &withAliases(QStringList names) { return set(aliases, std::move(names)); }
        Traits &withToolTip(QString text) { return set(toolTip, std::move(text)); }
        Traits &withUnavailable(QString sentence) { return set(unavailable, std::move(sentence)); }
        Traits &withDrops(Drops kind) { return set(drops, kind); }
        Traits &withStyleSpaceBar() { return set(styleSpaceBar, true); }

        QString id;                    // "latent", for --explore-view
        QString title;                 // the tab's text
        unsigned requiredCapabilities; // gs::Capability bits, all needed
        QStringList aliases;           // other names, "interp*" matches by prefix
        QString toolTip;               // the tab's tooltip while available (may be empty)
        QString unavailable;           // why not, "%1" the model's name (unavailableReason)
        Drops drops = Drops::None;
        bool styleSpaceBar = false; // the z/w and truncation bar shows above the view

    private:
        template<typename T> Traits &set(T &field, T value)
        {
            field = std::move(value);
            return *this;
        }
    };

    explicit ExplorerView(Traits traits);
    virtual ~ExplorerView() = default;

    const QString &id() const { return mTraits.id; }
    const QStringList &aliases() const { return mTraits.aliases; }
    const QString &title() const { return mTraits.title; }
    unsigned requiredCapabilities() const { return mTraits.requiredCapabilities; }
    const QString &tabToolTip() const { return mTraits.toolTip; } // while available
    Drops drops() const { return mTraits.drops; }
    // The style-space bar (z/w, truncation) shows above this view for style models.
    bool showsStyleSpaceBar() const { return mTraits.styleSpaceBar; }
    bool matches(const QString &name) const; // id or alias, case-insensitive

    // Whether the view works for the model: the capabilities, on image data.
    virtual bool isAvailable(const ExplorerInfo &info) const;
    // Why the view is unavailable for the model: the traits' sentence.
    virtual QString unavailableReason(const ExplorerInfo &info) const;

    // Connects the view to its host, once, right after it is made.
    virtual void attach(ExplorerHost &host) { (void)host; }
    // Every model the tab explores, available or not (the view may clear itself).
    virtual void modelChanged(const ExplorerInfo &info) = 0;

    virtual void takeImage(const gs::Image &image, const QString &label);
    virtual bool takeFile(const QString &path); // false: not usable, try the next file
    virtual QString dropRefusal(const ExplorerInfo &info, const QString &label) const;

    virtual QWidget *widget() = 0;

    // Session files (.gssession): the view's main controls as a JSON object,
    // and restoring them. A view whose state needs its model keeps the state
    // until the next modelChanged that fits it; a state that no longer fits
    // (another latent size) is dropped. Views without state keep the defaults.
    virtual QJsonObject sessionState() const { return {}; }
    virtual void restoreSessionState(const QJsonObject &state) { (void)state; }

protected:
    // Which of a view's errors reach the host's banner.
    enum class ErrorFilter {
        All,
        // Late failures of the previous model's jobs on a model without a
        // decoder (such as a translator) are not news.
        WhileModelDecodes,
    };

    // Forwards the view's error(QString) signal to ExplorerHost::showError.
    template<typename View>
    static void forwardErrors(View *view, ExplorerHost &host, ErrorFilter filter = ErrorFilter::All)
    {
        QObject::connect(view, &View::error, view, [&host, filter](const QString &message) {
            if (filter == ErrorFilter::All || host.modelInfo().canDecodeImages())
                host.showError(message);
        });
    }
    // Forwards error(QString) as forwardErrors and notice(QString) to ExplorerHost::showNotice.
    template<typename View>
    static void forwardMessages(View *view, ExplorerHost &host,
                                ErrorFilter filter = ErrorFilter::All)
    {
        forwardErrors(view, host, filter);
        QObject::connect(view, &View::notice, view,
                         [&host](const QString &message) { host.showNotice(message); });
    }

    // For views that compute only while shown: true while widget() is hidden, and
    // the request is remembered until takeDeferred() (from the view's showEvent).
    bool deferWhileHidden();
    // Whether a request has waited since the view was hidden; forgets it.
    bool takeDeferred();

private:
    Traits mTraits;
    bool mDeferred = false;
};
