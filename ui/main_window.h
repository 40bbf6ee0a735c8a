// The console's main window: clusters on the left, the selected cluster's views on the right.
#pragma once

#include <QMainWindow>

class QListWidget;
class QLabel;

namespace connectdesk::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

private:
    QListWidget* m_clusters = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace connectdesk::ui
