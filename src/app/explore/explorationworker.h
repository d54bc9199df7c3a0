// explorationworker.h — the exploration thread's worker: holds its own copy of
// a model (gs::Explorer, from a checkpoint file or a snapshot of the training
// session) and runs decode, encode, interpolation, direction and latent-map jobs
// for the Explore tab while training goes on in another thread.
//
// Models are read (Explorer::open, Explorer::from_snapshot) on a pool thread
// so that decoding goes on meanwhile; the newest waiting model wins and is
// swapped in between two jobs. Requests are coalesced: each goes into a slot
// (PreviewSlot, SweepSlot, …) that holds only the newest request, so dragging
// a slider never queues hundreds of decodes — a request still waiting when a
// newer one arrives in the same slot is dropped without a result. Lower slots
// run first (a new model before the live preview before a latent map), one job
// at a time.
//
// Ownership: ExploreView creates the worker, moves it to a member QThread and
// deletes it after joining that thread. The worker owns the Explorer copies; it
// never sees the trainer's model, only snapshot bytes.
//
// Thread affinity: the request methods (decode, interpolate, openCheckpoint,
// loadSnapshot, …) may be called from any thread: they store the request under
// a mutex and wake the worker with one queued call. Jobs run on the worker's
// thread and their signals are emitted there; modelFailed may also come from
// the loader's pool thread (connect with the default, queued to the GUI).
//
// Failure modes: a job that throws gs::Error (or anything else) becomes
// requestFailed with a sentence for the user; a model that cannot be opened
// becomes modelFailed and the previous model stays. Jobs without a model fail
// with "There is no model to explore yet.".
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QImage>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QVector>

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "core/explore/explorer.h"

// What the explored model is, for the panels (copied to the GUI thread).
struct ExplorerInfo
{
    QString modelId;   // "vae"
    QString modelName; // "Variational autoencoder (β-VAE)"
    unsigned capabilities = 0;
    int latentDim = 0;
    qint64 step = 0;
    int imageWidth = 0;
    int imageHeight = 0;
    int imageChannels = 0;
    bool pointData = false;
    int styleLayers = 0;       // style-based models (kHasStyles): per-layer styles
    bool wSpace = false;       // style-based models: latents are w, not z (setWSpace)
    double truncation = 1.0;   // style-based models: ψ used by decodes (setTruncation)
    int domains = 1;           // 2: a translation model's dataset has domains A and B
    bool fromTraining = false; // a snapshot of the training session
    QString checkpointPath;    // the file (checkpoint or TorchScript module), when opened from one
    bool torchScript = false;  // an imported TorchScript module
    quint64 generation = 0;    // increases with every model loaded

    bool isValid() const { return generation > 0; }
    bool canDecodeImages() const;
    bool canEncode() const;
    bool canSample() const;
    bool canTranslate() const;     // A→B
    bool translatesBack() const;   // B→A too (cycle and identity views)
    bool hasStyles() const;        // style mixing and truncation
    // The bookmark store's model key: the model id, and " w" while a style-based
    // model explores w (z and w bookmarks of one model are kept apart).
    QString bookmarkKey() const;
    // Same architecture, latent size and space: sliders, endpoints and bookmarks carry over.
    bool sameModelAs(const ExplorerInfo &other) const;
};
Q_DECLARE_METATYPE(ExplorerInfo)

// Where a latent comes from; resolved with the current weights on the worker
// thread (so encoded images follow the encoder while training goes on).
struct LatentSource
{
    enum class Kind { Latent, Seed, Image, DatasetImage };
    Kind kind = Kind::Latent;
    gs::Latent latent;      // Kind::Latent
    unsigned long seed = 0; // Kind::Seed: Explorer::random_latent(seed)
    gs::Image image;        // Kind::Image: encoded
    int index = -1;         // Kind::DatasetImage: test image, encoded

    static LatentSource fromLatent(const gs::Latent &z);
    static LatentSource fromSeed(unsigned long seed);
    static LatentSource fromImage(const gs::Image &image);
    static LatentSource fromDatasetImage(int index);
};

// An image to translate: a picture the user gave, or a test image of domain A
// or B of the model's dataset (resolved on the worker thread).
struct TranslateSource
{
    gs::Image image;  // when not empty
    int index = -1;   // otherwise this dataset test image…
    int domain = 0;   // …of domain 0 (A) or 1 (B)
};

// One finished job. Which fields are filled depends on the request.
struct ExploreResult
{
    int slot = 0;
    quint64 ticket = 0;
    quint64 generation = 0; // the model it was computed with
    qint64 step = 0;
    std::vector<gs::Latent> latents; // resolved or decoded latents, interpolation path
    QVector<QImage> images;          // decoded (or dataset) images, one per latent / index
    std::vector<gs::Image> frames;   // the same images for export, when asked for
    gs::Directions directions;
    std::shared_ptr<const gs::LatentMap> map;
    // translate(): images = input, forward, cycle, identity (the last two null
    // for one-way models), and the numbers behind them.
    std::shared_ptr<const gs::TranslationViews> translation;
    QVector<int> indices;  // dataset images: which ones
    int datasetSize = 0;   // dataset images: how many there are
};
using ExploreResultPtr = std::shared_ptr<const ExploreResult>;
Q_DECLARE_METATYPE(ExploreResultPtr)

class ExplorationWorker : public QObject
{
    Q_OBJECT

public:
    // Slots in order of priority (lower first). A view uses its own slots.
    enum Slot : int {
        ModelSlot,       // loading a model (internal)
        SettingsSlot,    // w space / truncation of the current model (internal)
        PreviewSlot,     // the latent panel's live image
        TranslateSlot,   // the translation panel's image
        StyleSlot,       // the style-mixing panel's image
        PickSlot,        // the map's clicked point
        EncodeSlot,      // "take from image"
        HoverSlot,       // the map's hover preview
        SeedSlot,        // seed → latent
        SweepSlot,       // the sweep row
        StripSlot,       // the interpolation strip
        BrowserSlot,     // the dataset browser's page
        GridSlot,        // the map's grid of decodes
        StyleGridSlot,   // the style-mixing panel's grid of mixes
        DirectionsSlot,  // principal directions
        SpreadSlot,      // the latent panel's spread of the codes per dimension
        MapSlot,         // the latent map
        SlotCount
    };

    explicit ExplorationWorker(QObject *parent = nullptr);
    ~ExplorationWorker() override;

    // --- Models (any thread) ---
    void openCheckpoint(const QString &path);
    // An imported TorchScript generator or translator (validated by one dry
    // run while loading; a refusal comes as modelFailed with the reason).
    void openTorchScript(const QString &path, const gs::TorchScriptDescriptor &descriptor);
    // A TrainingSession::snapshot of the training session; ignored unless
    // following training. The first snapshot after startNewTrainingSource()
    // also reloads the dataset the browser shows.
    void loadSnapshot(qint64 step, const QByteArray &bytes);
    void setFollowTraining(bool on) { mFollowTraining = on; }
    // Style-based models: explore w instead of z, and the truncation ψ of
    // decodes. Kept for every later model copy; the current model is changed
    // between two jobs and announced again with modelReady (latentDim changes
    // with the space). Ignored for models without styles.
    void setWSpace(bool on);
    void setTruncation(double psi);
    bool wSpace() const { return mWSpace; }
    double truncation() const { return mTruncation; }
    bool followsTraining() const { return mFollowTraining; }
    void startNewTrainingSource() { mNewSource = true; }

    // --- Jobs (any thread); each returns its ticket ---
    // Decoded images of the latents.
    quint64 decode(int slot, const std::vector<gs::Latent> &latents, bool keepFrames = false);
    // The latents of the sources, and their decoded images when `alsoDecode`.
    quint64 resolve(int slot, const std::vector<LatentSource> &sources, bool alsoDecode);
    // Endpoints resolved, then the path (latents) and its decoded frames.
    quint64 interpolate(int slot, const std::vector<LatentSource> &endpoints,
                        int framesPerSegment, bool slerp, bool keepFrames);
    quint64 directions(int slot, int count, int samples = 2000);
    // The encoded test set, and the first two principal directions of the codes.
    quint64 latentMap(int slot, int maxPoints);
    // Test images by index (for hover previews and the browser).
    quint64 datasetImages(int slot, const QVector<int> &indices);
    // Test images of one domain of a translation dataset (0 = A, 1 = B).
    quint64 datasetImages(int slot, const QVector<int> &indices, int domain);
    // The source through the model in one direction, with cycle and identity
    // views (Explorer::translation_views); frames kept for export when asked.
    quint64 translate(int slot, const TranslateSource &source, bool aToB, bool keepFrames = false);
    // A style-mixed image (Explorer::style_mix); frames kept for export when asked.
    quint64 styleMix(int slot, const gs::StyleMix &mix, bool keepFrames = false);
    // Several style-mixed images in one job, in order (a mix with its unmixed
    // sources, or a mixing grid); frames kept for export when asked.
    quint64 styleMixes(int slot, const std::vector<gs::StyleMix> &mixes, bool keepFrames = false);

    // Statistics (any thread): jobs run and requests dropped per slot.
    int jobsRun(int slot) const;
    int requestsDropped(int slot) const;

signals:
    void modelLoading(const QString &what);
    void modelReady(const ExplorerInfo &info);
    void modelFailed(const QString &message);
    void resultReady(const ExploreResultPtr &result);
    void requestFailed(int slot, quint64 ticket, const QString &message);

private:
    using Job = std::function<void(ExploreResult &)>;
    struct Load
    {
        std::function<std::shared_ptr<gs::Explorer>()> open;
        bool fromTraining = false;
        QString path;
        bool torchScript = false;
    };
    struct Pending
    {
        quint64 ticket = 0;
        Job job;
    };

    quint64 post(int slot, Job job);
    void queueLoad(Load load);
    void runLoads(); // a pool thread
    void drain();
    void run(int slot, Pending &pending);
    void adopt(std::shared_ptr<gs::Explorer> explorer, bool fromTraining, const QString &path,
               bool newSource, bool torchScript);
    gs::Explorer &explorer() const; // throws gs::Error without a model
    gs::Explorer &dataExplorer() const;
    gs::Latent resolveSource(const LatentSource &source) const;
    void applySettings(gs::Explorer &explorer, ExplorerInfo &info) const;

    // Guarded by mMutex.
    mutable QMutex mMutex;
    std::map<int, Pending> mPending;
    bool mWakeQueued = false;
    Load mNextLoad; // the newest model waiting to be read
    bool mLoaderBusy = false;
    QFuture<void> mLoader;

    std::atomic<quint64> mNextTicket{1};
    std::atomic<bool> mFollowTraining{true};
    std::atomic<bool> mNewSource{true};
    std::atomic<bool> mWSpace{false};
    std::atomic<double> mTruncation{1.0};
    std::array<std::atomic<int>, SlotCount> mRun{};
    std::array<std::atomic<int>, SlotCount> mDropped{};

    // Worker thread only.
    std::shared_ptr<gs::Explorer> mExplorer;
    // The first model of the current source: its dataset is loaded once and
    // serves dataset images while newer snapshots replace mExplorer.
    std::shared_ptr<gs::Explorer> mDataExplorer;
    ExplorerInfo mInfo;
    quint64 mGeneration = 0;
};
