// guardedjob.h — runs a job of a worker thread and turns every exception into a
// sentence for the user, so no exception ever crosses a Qt event loop.
//
// Ownership: header-only. Thread affinity: any (called on worker threads).
// Failure modes: none; returns false with `message` set when the job threw.
#pragma once

#include <QString>

#include <exception>
#include <new>

#include "core/common/error.h"

struct JobMessages {
    QString outOfMemory; // shown for std::bad_alloc
    QString unexpected;  // "… %1" with the exception's text, for anything else
};

template<typename Job> bool runGuarded(Job &&job, QString &message, const JobMessages &texts)
{
    try {
        job();
        return true;
    } catch (const gs::Error &error) {
        message = QString::fromStdString(error.what());
    } catch (const std::bad_alloc &) {
        message = texts.outOfMemory;
    } catch (const std::exception &error) {
        message = texts.unexpected.arg(QString::fromStdString(error.what()));
    } catch (...) {
        message = texts.unexpected.arg(QString());
    }
    return false;
}
