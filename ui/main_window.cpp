#include "main_window.h"

#include "version.h"

#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStatusBar>

namespace connectdesk::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("ConnectDesk"));
    auto* splitter = new QSplitter(this);
    m_clusters = new QListWidget(splitter);
    m_clusters->addItem(tr("Embedded worker (sandbox: in-memory, not durable)"));
    m_clusters->setCurrentRow(0);
    m_summary = new QLabel(splitter);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Embedded worker on the sandbox broker.\n"
                          "The sandbox is librdkafka's in-memory mock cluster: nothing is kept "
                          "when ConnectDesk exits."));
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);
    statusBar()->showMessage(QString::fromStdString(versionBanner()));
    resize(1100, 700);
}

} // namespace connectdesk::ui
