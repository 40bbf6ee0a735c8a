// The desktop console's entry point: the window, plus the embedded worker (on the sandbox by
// default) on its own thread, reached by the console over its loopback REST server like any
// other cluster.
#include "main_window.h"
#include "runtime/embedded_worker.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <memory>

namespace {

// Sandbox worker: librdkafka's in-memory mock cluster and the built-in plugins; REST on an
// ephemeral loopback port so it never clashes with a real worker on 8083.
connectdesk::runtime::ConfigMap sandboxProperties()
{
    return {{"bootstrap.servers", "sandbox"},
            {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
            {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
            {"offset.storage.file.filename", "${connectdesk.state.dir}/console-sandbox.offsets"},
            {"offset.flush.interval.ms", "10000"},
            {"listeners", "http://127.0.0.1:0"}};
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ConnectDesk"));
    QApplication::setOrganizationName(QStringLiteral("ConnectDesk"));
    // --version prints "ConnectDesk <version> (<git revision>)", like the headless worker.
    QApplication::setApplicationVersion(
        QString::fromStdString(connectdesk::version() + " (" + connectdesk::gitRevision() + ")"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/connectdesk/icons/connectdesk.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop console for Kafka Connect"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption embeddedUrl(
        QStringLiteral("embedded-url"),
        QStringLiteral("Do not start an embedded worker; show the one already running at this REST address."),
        QStringLiteral("url"));
    const QCommandLineOption embeddedConfig(
        QStringLiteral("embedded-config"),
        QStringLiteral("Start the embedded worker from this worker.properties instead of the sandbox."),
        QStringLiteral("file"));
    const QCommandLineOption noEmbedded(QStringLiteral("no-embedded"),
                                        QStringLiteral("Do not start the embedded worker."));
    const QCommandLineOption settings(
        QStringLiteral("settings"),
        QStringLiteral("Keep the cluster list in this INI file instead of the user settings."),
        QStringLiteral("file"));
    parser.addOptions({embeddedUrl, embeddedConfig, noEmbedded, settings});
    parser.process(app);

    connectdesk::ui::MainWindowOptions options;
    options.settingsFile = parser.value(settings);
    bool startEmbedded = false;
    connectdesk::runtime::ConfigMap properties = sandboxProperties();
    if (parser.isSet(embeddedUrl)) {
        options.embeddedUrl = QUrl::fromUserInput(parser.value(embeddedUrl));
        options.embeddedOnSandbox = false;
    } else if (parser.isSet(noEmbedded)) {
        options.embeddedUnavailableReason =
            QApplication::translate("main", "The embedded worker was not started (--no-embedded).");
    } else {
        startEmbedded = true;
        if (parser.isSet(embeddedConfig)) {
            try {
                properties =
                    connectdesk::runtime::readPropertiesFile(parser.value(embeddedConfig).toStdString());
            } catch (const std::exception& e) {
                startEmbedded = false;
                options.embeddedUnavailableReason = QString::fromStdString(e.what());
            }
        }
        options.embeddedOnSandbox = properties["bootstrap.servers"] == "sandbox";
        options.embeddedUnavailableReason = QApplication::translate("main", "Starting the embedded worker…");
    }

    connectdesk::ui::MainWindow window(options);
    window.show();

    // The worker gets its own thread and event loop (its REST server runs there), so nothing it
    // does can stall painting; the window learns its address through a queued call.
    std::unique_ptr<QThread> workerThread;
    if (startEmbedded) {
        workerThread.reset(QThread::create([properties, &window] {
            std::unique_ptr<connectdesk::runtime::EmbeddedWorker> worker;
            QString url;
            QString reason;
            try {
                worker = std::make_unique<connectdesk::runtime::EmbeddedWorker>(properties);
                worker->start();
                url = QString::fromStdString(worker->restUrl());
                if (url.isEmpty())
                    reason =
                        QApplication::translate("main", "The embedded worker runs without a REST server.");
            } catch (const std::exception& e) {
                reason = QApplication::translate("main", "The embedded worker could not start: %1")
                             .arg(QString::fromStdString(e.what()));
            }
            QMetaObject::invokeMethod(
                &window, [&window, url, reason] { window.setEmbeddedWorker(QUrl(url), reason); },
                Qt::QueuedConnection);
            if (!worker)
                return;
            // Runs until the console closes; polling the interruption flag also covers a window
            // closed while start() was still running (quit() then finds no loop to leave).
            QEventLoop loop;
            QTimer poll;
            QObject::connect(&poll, &QTimer::timeout, &loop, [&loop] {
                if (QThread::currentThread()->isInterruptionRequested())
                    loop.quit();
            });
            poll.start(100);
            loop.exec();
            worker->stop();
        }));
        workerThread->start();
    }

    const int code = QApplication::exec();
    if (workerThread) {
        workerThread->requestInterruption();
        workerThread->quit();
        workerThread->wait();
    }
    return code;
}
