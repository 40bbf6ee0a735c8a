// Creates a connector from a form generated out of the plugin's config definitions
// (spec/connect-rest-api.md §4.22), validating live against the worker (§4.23) as the user
// types; or reconfigures an existing connector and shows the diff before applying it (§4.8).
#pragma once

#include "client/cluster_client.h"

#include <QDialog>
#include <QMap>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QVBoxLayout;

namespace connectdesk::ui {

// Lines describing what changes between two configs ("+ key = v", "- key", "~ key: a → b"),
// secrets masked; empty when nothing changes.
QStringList configDiff(const client::ConnectorConfig& before, const client::ConnectorConfig& after);

class ConnectorEditorDialog : public QDialog {
    Q_OBJECT
public:
    ConnectorEditorDialog(client::ClusterClient* client, QWidget* parent = nullptr);

    // Create: lists the connector plugins, then builds the form of `pluginClass` (or the first).
    void startCreate(const QString& pluginClass = {});
    // Reconfigure `name`, whose current config is `config`.
    void startReconfigure(const QString& name, const client::ConnectorConfig& config);

    bool isReconfigure() const { return !m_existingName.isEmpty(); }
    bool formReady() const { return m_formReady; }
    void setConnectorName(const QString& name);
    // Sets the editor of `key` (adds an extra row for keys the definitions do not know).
    void setValue(const QString& key, const QString& value);
    QString value(const QString& key) const;
    QString errorFor(const QString& key) const;
    int errorCount() const { return m_errorCount; }
    client::ConnectorConfig currentConfig() const;
    QString statusText() const;
    QString diffText() const;
    QPushButton* primaryButton() const { return m_primary; }

    // Fills the form from pasted text: a curl command from the Apache docs, create-request or flat
    // JSON, .properties (client::importConnectorText). A different connector.class switches the
    // plugin first. Keys absent from the text are cleared. Emits imported().
    void importText(const QString& text, const QString& origin);
    // The same from a file, read off the GUI thread.
    void importFile(const QString& path);
    // The JSON tab: the create request ({"name", "config"}) of the form, kept in sync both ways.
    QTabWidget* tabs() const { return m_tabs; }
    QString jsonText() const;
    // As if the user typed `text` into the JSON tab (applied after the same short pause).
    void setJsonText(const QString& text);
    QString jsonProblem() const;

Q_SIGNALS:
    void formBuilt();
    void validated(int errorCount);
    void applied(bool ok, const QString& message);
    // An import or a JSON edit was applied to the form (ok), or refused with `message`.
    void imported(bool ok, const QString& message);

private:
    struct Field {
        client::ConfigKeyInfo definition;
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
        QWidget* row = nullptr;
    };
    void loadPlugin(const QString& pluginClass);
    void buildForm(const QList<client::ConfigKeyInfo>& keys);
    QWidget* makeEditor(const client::ConfigKeyInfo& key);
    void scheduleValidation();
    void validateNow();
    // Create/Apply is enabled only when the worker accepted exactly what the form holds now: no
    // change or JSON edit waiting, no validation in flight, no broken JSON, no request running.
    void updatePrimary();
    void applyValidation(const client::ConfigInfos& infos);
    void onPrimary();
    void submit();
    // Rewrites the JSON tab from the form; `force` also replaces text the user left broken.
    void refreshJson(bool force = false);
    void applyJson();
    // Applies an import: name, plugin (switching when the class differs), then every value.
    bool applyImport(const QString& name, const client::ConnectorConfig& config, QString* problem);
    void applyValues(const client::ConnectorConfig& config);

    client::ClusterClient* m_client = nullptr;
    QString m_existingName;
    client::ConnectorConfig m_existingConfig;
    QString m_pluginClass;
    QLineEdit* m_name = nullptr;
    QComboBox* m_plugin = nullptr;
    QComboBox* m_initialState = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_form = nullptr;
    QVBoxLayout* m_formLayout = nullptr;
    QStackedWidget* m_pages = nullptr;
    QPlainTextEdit* m_diff = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_primary = nullptr;
    QPushButton* m_back = nullptr;
    QTimer* m_debounce = nullptr;
    QTabWidget* m_tabs = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QLabel* m_jsonProblem = nullptr;
    QTimer* m_jsonDebounce = nullptr;
    bool m_syncingJson = false;
    // The JSON tab holds text that does not parse; kept as typed until fixed or replaced.
    bool m_jsonBroken = false;
    bool m_submitting = false;
    // Values of an import waiting for the form of the plugin it switched to.
    std::optional<client::ConnectorConfig> m_pendingImport;
    QMap<QString, Field> m_fields;
    bool m_formReady = false;
    bool m_validating = false;
    int m_errorCount = -1;
    int m_generation = 0;
};

} // namespace connectdesk::ui
