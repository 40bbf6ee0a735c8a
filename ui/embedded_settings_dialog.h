// Edits the embedded worker's settings (the sandbox or real bootstrap servers, plugin.path,
// key/value converters, REST port); "Save and restart" applies them at once.
#pragma once

#include "embedded_worker_controller.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace connectdesk::ui {

class EmbeddedSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit EmbeddedSettingsDialog(const EmbeddedWorkerSettings& settings, QWidget* parent = nullptr);

    EmbeddedWorkerSettings settings() const;
    void setSettings(const EmbeddedWorkerSettings& settings);
    // True when the user chose "Save and restart".
    bool restartRequested() const { return m_restart; }
    // Why the settings cannot be used (empty when they can); shown in the dialog.
    QString problem() const;

private:
    void finish(bool restart);

    QRadioButton* m_sandbox = nullptr;
    QRadioButton* m_kafka = nullptr;
    QLineEdit* m_bootstrap = nullptr;
    QLineEdit* m_pluginPath = nullptr;
    QComboBox* m_keyConverter = nullptr;
    QComboBox* m_valueConverter = nullptr;
    QSpinBox* m_port = nullptr;
    QLabel* m_message = nullptr;
    bool m_restart = false;
};

} // namespace connectdesk::ui
