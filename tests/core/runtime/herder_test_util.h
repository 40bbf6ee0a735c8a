// Helpers for herder tests: synchronous calls over the callback API, files, MD5 of files.
#pragma once

#include "runtime/herder.h"

#include <QCryptographicHash>
#include <QFile>
#include <QString>

#include <future>

namespace connectdesk::runtime::testutil {

// Calls an asynchronous herder method and waits for its callback.
template <typename T, typename Fn>
Result<T> sync(Fn&& fn)
{
    auto p = std::make_shared<std::promise<Result<T>>>();
    auto f = p->get_future();
    fn([p](Result<T> r) { p->set_value(std::move(r)); });
    if (f.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
        return Result<T>::failure(-1, "test timed out waiting for the herder callback");
    }
    return f.get();
}

inline QByteArray md5Of(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Md5).toHex();
}

inline qint64 lineCount(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    return f.readAll().count('\n');
}

inline void appendLines(const QString& path, int from, int count)
{
    QFile f(path);
    f.open(QIODevice::Append);
    for (int i = from; i < from + count; ++i) {
        f.write(QByteArrayLiteral("line-") + QByteArray::number(i) +
                QByteArrayLiteral(" some payload text\n"));
    }
}

inline State connectorState(Herder& h, const std::string& name)
{
    auto r = sync<ConnectorStateInfo>([&](auto cb) { h.connectorStatus(name, cb); });
    return r.ok() ? r.value->connector.state : State::Destroyed;
}

inline bool allTasks(Herder& h, const std::string& name, State s, std::size_t expected = 1)
{
    auto r = sync<ConnectorStateInfo>([&](auto cb) { h.connectorStatus(name, cb); });
    if (!r.ok() || r.value->tasks.size() != expected) {
        return false;
    }
    for (const auto& t : r.value->tasks) {
        if (t.state != s) {
            return false;
        }
    }
    return true;
}

} // namespace connectdesk::runtime::testutil
