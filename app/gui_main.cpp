// The desktop console's entry point: the window, which starts the embedded worker (on the sandbox
// by default, or as set in its settings) on its own thread (ui::EmbeddedWorkerController); the
// console reaches it over its loopback REST server like any other cluster.
#include "main_window.h"
#include "runtime/embedded_worker.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>

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
    if (parser.isSet(embeddedUrl)) {
        options.embeddedUrl = QUrl::fromUserInput(parser.value(embeddedUrl));
        options.embeddedOnSandbox = false;
    } else if (parser.isSet(noEmbedded)) {
        options.embeddedUnavailableReason =
            QApplication::translate("main", "The embedded worker was not started (--no-embedded).");
    } else if (parser.isSet(embeddedConfig)) {
        try {
            options.embeddedProperties =
                connectdesk::runtime::readPropertiesFile(parser.value(embeddedConfig).toStdString());
            options.startEmbedded = true;
        } catch (const std::exception& e) {
            options.embeddedUnavailableReason = QString::fromStdString(e.what());
        }
    } else {
        // The saved embedded settings (sandbox unless the user changed them in the sidebar).
        options.startEmbedded = true;
    }

    connectdesk::ui::MainWindow window(options);
    window.show();
    // The window owns the worker's thread and stops it when it is destroyed, after this returns.
    return QApplication::exec();
}
