// Helpers the GUI tests share: screenshots into the build dir (CONNECTDESK_SCREENSHOT_DIR, set per
// test target) and waiting for one cluster-client answer while the event loop runs.
#pragma once

#include "client/cluster_client.h"

#include <QDir>
#include <QString>
#include <QTest>
#include <QWidget>

#include <functional>
#include <optional>

namespace connectdesk::testing {

#ifdef CONNECTDESK_SCREENSHOT_DIR
inline void saveShot(QWidget* widget, const QString& name)
{
    QDir().mkpath(QStringLiteral(CONNECTDESK_SCREENSHOT_DIR));
    const QString path = QStringLiteral(CONNECTDESK_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
    QVERIFY2(widget->grab().save(path), qPrintable(path));
}
#endif

// Runs `call` with a callback and spins the event loop until it answers (nullopt after timeoutMs).
template <class T>
std::optional<client::Result<T>> await(const std::function<void(client::Callback<T>)>& call,
                                       int timeoutMs = 60'000)
{
    std::optional<client::Result<T>> out;
    call([&out](const client::Result<T>& r) { out = r; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs))
        return std::nullopt;
    return out;
}

} // namespace connectdesk::testing
