// The desktop console's entry point.
#include "main_window.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ConnectDesk"));
    QApplication::setOrganizationName(QStringLiteral("ConnectDesk"));
    QApplication::setApplicationVersion(QString::fromStdString(connectdesk::versionBanner()));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/connectdesk/icons/connectdesk.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop console for Kafka Connect"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption embeddedUrl(
        QStringLiteral("embedded-url"),
        QStringLiteral("REST address of an already running embedded worker (connectdesk-worker), "
                       "e.g. http://127.0.0.1:8083."),
        QStringLiteral("url"));
    const QCommandLineOption durable(
        QStringLiteral("embedded-durable"),
        QStringLiteral("The embedded worker uses a real Kafka cluster, not the sandbox."));
    const QCommandLineOption settings(
        QStringLiteral("settings"),
        QStringLiteral("Keep the cluster list in this INI file instead of the user settings."),
        QStringLiteral("file"));
    parser.addOption(embeddedUrl);
    parser.addOption(durable);
    parser.addOption(settings);
    parser.process(app);

    connectdesk::ui::MainWindowOptions options;
    if (parser.isSet(embeddedUrl))
        options.embeddedUrl = QUrl::fromUserInput(parser.value(embeddedUrl));
    else
        options.embeddedUnavailableReason = QApplication::translate(
            "main", "The embedded worker is not running. Start connectdesk-worker and "
                    "pass --embedded-url, or add a remote cluster.");
    options.embeddedOnSandbox = !parser.isSet(durable);
    options.settingsFile = parser.value(settings);

    connectdesk::ui::MainWindow window(options);
    window.show();
    return QApplication::exec();
}
