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

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop console for Kafka Connect"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    connectdesk::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
