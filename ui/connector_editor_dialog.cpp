#include "connector_editor_dialog.h"

#include "client/connector_import.h"
#include "connector_detail_widget.h"

#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

namespace connectdesk::ui {

namespace {

const QString kName = QStringLiteral("name");
const QString kClass = QStringLiteral("connector.class");

// A plugin class named in an imported config matches a listed one by full name, simple name or
// alias without the "Connector" suffix, as the worker resolves them.
bool sameClass(const QString& listed, const QString& named)
{
    const QString simple = listed.section(QLatin1Char('.'), -1);
    return named == listed || named == simple ||
           (simple.endsWith(QLatin1String("Connector")) && named == simple.chopped(9));
}

QString shown(const QString& key, const QString& value)
{
    return isSecretConfig(key, value) ? QStringLiteral("••••••••") : value;
}

} // namespace

QStringList configDiff(const client::ConnectorConfig& before, const client::ConnectorConfig& after)
{
    QStringList lines;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (!before.contains(it.key()))
            lines << QStringLiteral("+ %1 = %2").arg(it.key(), shown(it.key(), it.value()));
        else if (before.value(it.key()) != it.value())
            lines << QStringLiteral("~ %1: %2 → %3")
                         .arg(it.key(), shown(it.key(), before.value(it.key())), shown(it.key(), it.value()));
    }
    for (auto it = before.begin(); it != before.end(); ++it)
        if (!after.contains(it.key()))
            lines << QStringLiteral("- %1 (was %2)").arg(it.key(), shown(it.key(), it.value()));
    return lines;
}

ConnectorEditorDialog::ConnectorEditorDialog(client::ClusterClient* client, QWidget* parent)
    : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("New connector"));
    m_plugin = new QComboBox(this);
    m_plugin->setObjectName(QStringLiteral("pluginCombo"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("connectorName"));
    m_initialState = new QComboBox(this);
    m_initialState->addItem(tr("Running"), static_cast<int>(client::InitialState::Default));
    m_initialState->addItem(tr("Paused"), static_cast<int>(client::InitialState::Paused));
    m_initialState->addItem(tr("Stopped (set offsets first)"),
                            static_cast<int>(client::InitialState::Stopped));
    auto* top = new QFormLayout;
    top->addRow(tr("&Plugin:"), m_plugin);
    top->addRow(tr("&Name:"), m_name);
    top->addRow(tr("&Start as:"), m_initialState);

    m_form = new QWidget(this);
    m_formLayout = new QVBoxLayout(m_form);
    m_formLayout->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(m_form);
    m_diff = new QPlainTextEdit(this);
    m_diff->setObjectName(QStringLiteral("diffView"));
    m_diff->setReadOnly(true);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("jsonEditor"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setPlaceholderText(tr("Paste a connector here: JSON, .properties or a curl command"));
    m_jsonProblem = new QLabel(this);
    m_jsonProblem->setObjectName(QStringLiteral("jsonProblem"));
    m_jsonProblem->setStyleSheet(QStringLiteral("color: #d32f2f"));
    m_jsonProblem->setWordWrap(true);
    m_jsonProblem->hide();
    auto* jsonPage = new QWidget(this);
    auto* jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    jsonLayout->addWidget(m_json, 1);
    jsonLayout->addWidget(m_jsonProblem);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_tabs->addTab(m_scroll, tr("&Form"));
    m_tabs->addTab(jsonPage, tr("&JSON"));
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_tabs);
    m_pages->addWidget(m_diff);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("editorStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_back = new QPushButton(tr("&Back"), this);
    m_back->hide();
    m_primary = new QPushButton(tr("&Create"), this);
    m_primary->setObjectName(QStringLiteral("primaryButton"));
    m_primary->setDefault(true);
    m_primary->setEnabled(false);
    auto* cancel = new QPushButton(tr("Cancel"), this);
    auto* import = new QPushButton(tr("&Import…"), this);
    import->setObjectName(QStringLiteral("importButton"));
    import->setToolTip(tr("Fill the form from a .json or .properties connector file"));
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import a connector"), QString(),
                                         tr("Connector configs (*.json *.properties);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(import);
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_primary);
    buttons->addWidget(cancel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    layout->addLayout(buttons);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(400);
    connect(m_debounce, &QTimer::timeout, this, &ConnectorEditorDialog::validateNow);
    m_jsonDebounce = new QTimer(this);
    m_jsonDebounce->setSingleShot(true);
    m_jsonDebounce->setInterval(400);
    connect(m_jsonDebounce, &QTimer::timeout, this, &ConnectorEditorDialog::applyJson);
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_syncingJson) {
            m_jsonDebounce->start();
            updatePrimary(); // what is typed there is not in the form yet
        }
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1)
            refreshJson();
    });
    connect(m_name, &QLineEdit::textChanged, this, &ConnectorEditorDialog::scheduleValidation);
    connect(m_plugin, &QComboBox::activated, this,
            [this] { loadPlugin(m_plugin->currentData().toString()); });
    connect(m_primary, &QPushButton::clicked, this, &ConnectorEditorDialog::onPrimary);
    connect(m_back, &QPushButton::clicked, this, [this] {
        m_pages->setCurrentIndex(0);
        m_back->hide();
        m_primary->setText(tr("&Review changes…"));
    });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    resize(760, 680);
}

void ConnectorEditorDialog::startCreate(const QString& pluginClass)
{
    m_status->setText(tr("Loading the connector plugins…"));
    m_client->connectorPlugins(
        true, this, [this, pluginClass](const client::Result<QList<client::PluginInfo>>& r) {
            if (!r.ok()) {
                m_status->setText(r.error.sentence);
                return;
            }
            m_plugin->clear();
            for (const client::PluginInfo& p : *r.value)
                m_plugin->addItem(
                    QStringLiteral("%1 (%2%3)")
                        .arg(p.className.section(QLatin1Char('.'), -1), p.type,
                             p.version.isEmpty() ? QString() : QStringLiteral(", ") + p.version),
                    p.className);
            int index = pluginClass.isEmpty() ? 0 : m_plugin->findData(pluginClass);
            if (index < 0)
                index = 0;
            m_plugin->setCurrentIndex(index);
            if (m_plugin->count() > 0)
                loadPlugin(m_plugin->currentData().toString());
            else
                m_status->setText(tr("The worker has no connector plugins."));
        });
}

void ConnectorEditorDialog::startReconfigure(const QString& name, const client::ConnectorConfig& config)
{
    setWindowTitle(tr("Reconfigure %1").arg(name));
    m_existingName = name;
    m_existingConfig = config;
    m_name->setText(name);
    m_name->setReadOnly(true);
    m_initialState->setEnabled(false);
    m_plugin->addItem(config.value(kClass), config.value(kClass));
    m_plugin->setEnabled(false);
    m_primary->setText(tr("&Review changes…"));
    loadPlugin(config.value(kClass));
}

void ConnectorEditorDialog::loadPlugin(const QString& pluginClass)
{
    m_pluginClass = pluginClass;
    m_formReady = false;
    m_debounce->stop(); // buildForm() validates the new form
    updatePrimary();
    const int generation = ++m_generation;
    m_status->setText(tr("Loading the settings of %1…").arg(pluginClass));
    m_client->pluginConfig(pluginClass, this,
                           [this, generation](const client::Result<QList<client::ConfigKeyInfo>>& r) {
                               if (generation != m_generation)
                                   return;
                               if (!r.ok()) {
                                   m_status->setText(r.error.sentence);
                                   return;
                               }
                               buildForm(*r.value);
                           });
}

QWidget* ConnectorEditorDialog::makeEditor(const client::ConfigKeyInfo& key)
{
    if (key.type == QLatin1String("BOOLEAN")) {
        auto* combo = new QComboBox(m_form);
        combo->addItems({QString(), QStringLiteral("true"), QStringLiteral("false")});
        combo->setItemText(0, tr("(default: %1)").arg(key.defaultValue.value_or(tr("none"))));
        connect(combo, &QComboBox::currentIndexChanged, this, &ConnectorEditorDialog::scheduleValidation);
        return combo;
    }
    auto* edit = new QLineEdit(m_form);
    if (key.type == QLatin1String("PASSWORD"))
        edit->setEchoMode(QLineEdit::Password);
    if (key.defaultValue && !key.defaultValue->isEmpty())
        edit->setPlaceholderText(*key.defaultValue);
    connect(edit, &QLineEdit::textChanged, this, &ConnectorEditorDialog::scheduleValidation);
    return edit;
}

void ConnectorEditorDialog::buildForm(const QList<client::ConfigKeyInfo>& keys)
{
    // Keep what the user already typed when switching plugins.
    const client::ConnectorConfig typed = m_existingName.isEmpty() ? currentConfig() : m_existingConfig;
    for (Field& f : m_fields)
        delete f.row;
    m_fields.clear();
    while (QLayoutItem* item = m_formLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }

    // Groups in the order the definitions name them; the plugin's own ungrouped keys first (§4.22).
    QStringList groups;
    QMap<QString, QList<client::ConfigKeyInfo>> byGroup;
    for (const client::ConfigKeyInfo& key : keys) {
        if (key.name == kName || key.name == kClass)
            continue;
        const QString group = key.group.isEmpty() ? tr("Connector") : key.group;
        if (!groups.contains(group))
            groups << group;
        byGroup[group].append(key);
    }
    if (groups.removeOne(tr("Connector")))
        groups.prepend(tr("Connector"));
    for (const QString& group : groups) {
        auto* box = new QGroupBox(group, m_form);
        auto* form = new QFormLayout(box);
        QList<client::ConfigKeyInfo> list = byGroup.value(group);
        std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
            const int oa = a.order < 0 ? INT_MAX : a.order;
            const int ob = b.order < 0 ? INT_MAX : b.order;
            return oa < ob;
        });
        for (const client::ConfigKeyInfo& key : list) {
            auto* row = new QWidget(box);
            auto* rowLayout = new QVBoxLayout(row);
            rowLayout->setContentsMargins(0, 0, 0, 0);
            rowLayout->setSpacing(1);
            QWidget* editor = makeEditor(key);
            editor->setParent(row);
            editor->setObjectName(key.name);
            editor->setToolTip(QStringLiteral("<b>%1</b> (%2, %3)<br>%4")
                                   .arg(key.name.toHtmlEscaped(), key.type, key.importance.toLower(),
                                        key.documentation.toHtmlEscaped()));
            auto* error = new QLabel(row);
            error->setStyleSheet(QStringLiteral("color: #d32f2f"));
            error->setWordWrap(true);
            error->hide();
            rowLayout->addWidget(editor);
            rowLayout->addWidget(error);
            QString label = key.displayName.isEmpty() ? key.name : key.displayName;
            if (key.required)
                label += QStringLiteral(" *");
            form->addRow(label + QLatin1Char(':'), row);
            m_fields.insert(key.name, Field{key, editor, error, row});
        }
        m_formLayout->addWidget(box);
    }
    m_formLayout->addStretch(1);

    for (auto it = typed.begin(); it != typed.end(); ++it)
        if (it.key() != kName && it.key() != kClass)
            setValue(it.key(), it.value());
    if (m_pendingImport) {
        applyValues(*m_pendingImport);
        m_pendingImport.reset();
        Q_EMIT imported(true, tr("Imported into the form of %1.").arg(m_pluginClass));
    }
    m_formReady = true;
    if (m_tabs->currentIndex() == 1 && !m_json->hasFocus())
        refreshJson();
    m_status->setText(tr("Fill in the settings; they are checked by the worker as you type. * = required."));
    Q_EMIT formBuilt();
    validateNow();
}

void ConnectorEditorDialog::setConnectorName(const QString& name)
{
    m_name->setText(name);
}

void ConnectorEditorDialog::setValue(const QString& key, const QString& value)
{
    if (key == kName) {
        setConnectorName(value);
        return;
    }
    auto it = m_fields.find(key);
    if (it == m_fields.end()) {
        // Keys no definition knows (transforms.<alias>.*, client overrides…) still round-trip.
        client::ConfigKeyInfo extra;
        extra.name = key;
        extra.type = QStringLiteral("STRING");
        auto* box = m_form->findChild<QGroupBox*>(QStringLiteral("otherSettings"));
        if (!box) {
            box = new QGroupBox(tr("Other settings"), m_form);
            box->setObjectName(QStringLiteral("otherSettings"));
            new QFormLayout(box);
            m_formLayout->insertWidget(m_formLayout->count() - 1, box);
        }
        auto* row = new QWidget(box);
        auto* rowLayout = new QVBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        QWidget* editor = makeEditor(extra);
        editor->setParent(row);
        editor->setObjectName(key);
        auto* error = new QLabel(row);
        error->setStyleSheet(QStringLiteral("color: #d32f2f"));
        error->hide();
        rowLayout->addWidget(editor);
        rowLayout->addWidget(error);
        static_cast<QFormLayout*>(box->layout())->addRow(key + QLatin1Char(':'), row);
        it = m_fields.insert(key, Field{extra, editor, error, row});
    }
    if (auto* edit = qobject_cast<QLineEdit*>(it->editor)) {
        edit->setText(value);
    } else if (auto* combo = qobject_cast<QComboBox*>(it->editor)) {
        const int index = combo->findText(value);
        combo->setCurrentIndex(index < 0 ? 0 : index);
    }
}

QString ConnectorEditorDialog::value(const QString& key) const
{
    const auto it = m_fields.find(key);
    if (it == m_fields.end())
        return {};
    if (auto* edit = qobject_cast<QLineEdit*>(it->editor))
        return edit->text();
    if (auto* combo = qobject_cast<QComboBox*>(it->editor))
        return combo->currentIndex() == 0 ? QString() : combo->currentText();
    return {};
}

QString ConnectorEditorDialog::errorFor(const QString& key) const
{
    const auto it = m_fields.find(key);
    return it == m_fields.end() ? QString() : it->error->text();
}

client::ConnectorConfig ConnectorEditorDialog::currentConfig() const
{
    client::ConnectorConfig config = m_existingConfig;
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        const QString v = value(it.key());
        if (v.isEmpty())
            config.remove(it.key()); // an emptied field means "back to the default"
        else
            config.insert(it.key(), v);
    }
    if (!m_pluginClass.isEmpty())
        config.insert(kClass, m_existingConfig.value(kClass, m_pluginClass));
    if (!m_name->text().trimmed().isEmpty())
        config.insert(kName, m_name->text().trimmed());
    return config;
}

QString ConnectorEditorDialog::statusText() const
{
    return m_status->text();
}

QString ConnectorEditorDialog::diffText() const
{
    return m_diff->toPlainText();
}

void ConnectorEditorDialog::scheduleValidation()
{
    if (!m_formReady)
        return;
    m_debounce->start();
    updatePrimary();
}

void ConnectorEditorDialog::validateNow()
{
    if (!m_formReady || m_pluginClass.isEmpty())
        return;
    if (m_validating)
        return; // the answer in flight sees that the form changed since, and asks again
    m_validating = true;
    updatePrimary();
    const client::ConnectorConfig asked = currentConfig();
    m_client->validateConfig(m_pluginClass, asked, this,
                             [this, asked](const client::Result<client::ConfigInfos>& r) {
                                 m_validating = false;
                                 // An answer about values the form no longer holds must not enable
                                 // Create: a change since is validated next (now, or when its pause
                                 // ends).
                                 if (asked != currentConfig()) {
                                     if (m_debounce->isActive())
                                         updatePrimary();
                                     else
                                         validateNow();
                                     return;
                                 }
                                 if (!r.ok()) {
                                     m_errorCount = -1;
                                     m_status->setText(r.error.sentence);
                                     updatePrimary();
                                     Q_EMIT validated(-1);
                                     return;
                                 }
                                 applyValidation(*r.value);
                             });
}

void ConnectorEditorDialog::updatePrimary()
{
    m_primary->setEnabled(m_formReady && m_errorCount == 0 && !m_validating && !m_debounce->isActive() &&
                          !m_jsonDebounce->isActive() && !m_jsonBroken && !m_submitting);
}

void ConnectorEditorDialog::applyValidation(const client::ConfigInfos& infos)
{
    for (Field& f : m_fields) {
        f.error->clear();
        f.error->hide();
    }
    QStringList elsewhere;
    for (const client::ConfigInfo& info : infos.configs) {
        if (!info.value)
            continue;
        auto it = m_fields.find(info.value->name);
        if (it == m_fields.end()) {
            for (const QString& e : info.value->errors)
                elsewhere << e;
            continue;
        }
        it->row->setVisible(info.value->visible || !value(it.key()).isEmpty());
        if (!info.value->errors.isEmpty()) {
            it->error->setText(info.value->errors.join(QLatin1Char('\n')));
            it->error->show();
        }
        if (!info.value->recommendedValues.isEmpty())
            if (auto* edit = qobject_cast<QLineEdit*>(it->editor); edit && !edit->completer())
                edit->setCompleter(new QCompleter(info.value->recommendedValues, edit));
    }
    m_errorCount = infos.errorCount;
    if (m_errorCount == 0)
        m_status->setText(tr("The worker accepts this configuration."));
    else
        m_status->setText(
            tr("%n problem(s) to fix.", nullptr, m_errorCount) +
            (elsewhere.isEmpty() ? QString() : QLatin1Char(' ') + elsewhere.join(QLatin1Char(' '))));
    if (m_jsonBroken)
        m_status->setText(m_status->text() + QLatin1Char(' ') +
                          tr("The JSON tab has an error to fix first."));
    updatePrimary();
    Q_EMIT validated(m_errorCount);
}

void ConnectorEditorDialog::onPrimary()
{
    if (isReconfigure() && m_pages->currentIndex() == 0) {
        const QStringList lines = configDiff(m_existingConfig, currentConfig());
        if (lines.isEmpty()) {
            m_status->setText(tr("Nothing to change."));
            return;
        }
        m_diff->setPlainText(lines.join(QLatin1Char('\n')));
        m_pages->setCurrentIndex(1);
        m_back->show();
        m_primary->setText(tr("&Apply"));
        m_status->setText(tr("%n change(s) will be applied to %1.", nullptr, static_cast<int>(lines.size()))
                              .arg(m_existingName));
        return;
    }
    submit();
}

void ConnectorEditorDialog::submit()
{
    const client::ConnectorConfig config = currentConfig();
    const QString name = isReconfigure() ? m_existingName : m_name->text().trimmed();
    m_submitting = true;
    updatePrimary();
    m_status->setText(isReconfigure() ? tr("Applying…") : tr("Creating %1…").arg(name));
    auto done = [this, name](const client::Result<client::ConnectorInfo>& r) {
        m_submitting = false;
        if (!r.ok()) {
            m_status->setText(r.error.sentence);
            updatePrimary();
            Q_EMIT applied(false, r.error.sentence);
            return;
        }
        const QString message =
            isReconfigure() ? tr("%1 reconfigured.").arg(name) : tr("%1 created.").arg(name);
        m_status->setText(message);
        Q_EMIT applied(true, message);
        accept();
    };
    if (isReconfigure())
        m_client->putConnectorConfig(name, config, this, done);
    else
        m_client->createConnector(name, config,
                                  static_cast<client::InitialState>(m_initialState->currentData().toInt()),
                                  this, done);
}

QString ConnectorEditorDialog::jsonText() const
{
    return m_json->toPlainText();
}

void ConnectorEditorDialog::setJsonText(const QString& text)
{
    m_tabs->setCurrentIndex(1);
    m_json->setPlainText(text); // textChanged starts the pause, as typing does
}

QString ConnectorEditorDialog::jsonProblem() const
{
    return m_jsonProblem->text();
}

void ConnectorEditorDialog::refreshJson(bool force)
{
    if (m_jsonBroken && !force)
        return;
    client::ConnectorConfig config = currentConfig();
    const QString name = config.take(kName);
    QJsonObject body;
    for (auto it = config.begin(); it != config.end(); ++it)
        body.insert(it.key(), it.value());
    const QJsonObject request{{kName, name}, {QStringLiteral("config"), body}};
    m_syncingJson = true;
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Indented)));
    m_syncingJson = false;
    m_jsonProblem->clear();
    m_jsonProblem->hide();
    m_jsonBroken = false;
    updatePrimary();
}

void ConnectorEditorDialog::applyJson()
{
    const client::ImportedConnector parsed = client::importConnectorText(m_json->toPlainText(), tr("JSON"));
    QString problem = parsed.error;
    if (parsed.ok())
        applyImport(parsed.name, parsed.config, &problem);
    m_jsonProblem->setText(problem);
    m_jsonProblem->setVisible(!problem.isEmpty());
    m_jsonBroken = !problem.isEmpty();
    updatePrimary();
    if (m_jsonBroken) {
        m_status->setText(tr("Fix the JSON to go on; the form keeps its last valid values."));
        Q_EMIT imported(false, problem);
    } else if (!m_pendingImport) {
        Q_EMIT imported(true, tr("The form follows the JSON."));
    }
}

void ConnectorEditorDialog::importText(const QString& text, const QString& origin)
{
    const client::ImportedConnector parsed = client::importConnectorText(text, origin);
    QString problem = parsed.error;
    if (parsed.ok() && applyImport(parsed.name, parsed.config, &problem)) {
        if (!m_pendingImport)
            Q_EMIT imported(true, tr("Imported %1.").arg(origin));
        refreshJson(true); // an explicit import replaces whatever the JSON tab held, broken or not
        return;
    }
    m_status->setText(problem);
    Q_EMIT imported(false, problem);
}

void ConnectorEditorDialog::importFile(const QString& path)
{
    m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    QPointer<ConnectorEditorDialog> self(this);
    QThreadPool::globalInstance()->start([self, path] {
        // Connector files are small; a bigger one is not a connector file.
        constexpr qint64 kMaxBytes = 1 << 20;
        QFile file(path);
        QString text;
        QString error;
        if (!file.open(QIODevice::ReadOnly))
            error = QObject::tr("Cannot read %1: %2").arg(path, file.errorString());
        else if (file.size() > kMaxBytes)
            error = QObject::tr("%1 is %2 bytes: too big for a connector file.").arg(path).arg(file.size());
        else
            text = QString::fromUtf8(file.readAll());
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, path, text, error] {
                ConnectorEditorDialog* dialog = self.data();
                if (dialog == nullptr)
                    return;
                if (!error.isEmpty()) {
                    dialog->m_status->setText(error);
                    Q_EMIT dialog->imported(false, error);
                    return;
                }
                dialog->importText(text, QFileInfo(path).fileName());
            },
            Qt::QueuedConnection);
    });
}

bool ConnectorEditorDialog::applyImport(const QString& name, const client::ConnectorConfig& config,
                                        QString* problem)
{
    const QString cls = config.value(kClass);
    if (isReconfigure()) {
        if (!cls.isEmpty() && !sameClass(m_pluginClass, cls)) {
            *problem = tr("%1 is a %2; the imported config is for %3. Create a new connector instead.")
                           .arg(m_existingName, m_pluginClass, cls);
            return false;
        }
        applyValues(config);
        return true;
    }
    if (!name.isEmpty())
        m_name->setText(name);
    if (!cls.isEmpty() && !sameClass(m_pluginClass, cls)) {
        int index = -1;
        for (int i = 0; i < m_plugin->count() && index < 0; ++i)
            if (sameClass(m_plugin->itemData(i).toString(), cls))
                index = i;
        if (index < 0) {
            *problem = tr("This worker has no connector plugin %1.").arg(cls);
            return false;
        }
        m_plugin->setCurrentIndex(index);
        m_pendingImport = config;
        loadPlugin(m_plugin->itemData(index).toString());
        return true;
    }
    applyValues(config);
    return true;
}

void ConnectorEditorDialog::applyValues(const client::ConnectorConfig& config)
{
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it)
        if (!config.contains(it.key()))
            setValue(it.key(), QString());
    for (auto it = config.begin(); it != config.end(); ++it)
        if (it.key() != kName && it.key() != kClass)
            setValue(it.key(), it.value());
    scheduleValidation();
}

} // namespace connectdesk::ui
