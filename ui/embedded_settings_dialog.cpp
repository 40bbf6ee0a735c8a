#include "embedded_settings_dialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace connectdesk::ui {

namespace {

QComboBox* converterCombo(QWidget* parent, const QString& name)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->setEditable(true);
    // The converters every Connect worker ships (spec: worker config key.converter/value.converter).
    combo->addItems({QStringLiteral("org.apache.kafka.connect.storage.StringConverter"),
                     QStringLiteral("org.apache.kafka.connect.json.JsonConverter"),
                     QStringLiteral("org.apache.kafka.connect.converters.ByteArrayConverter"),
                     QStringLiteral("org.apache.kafka.connect.converters.LongConverter")});
    return combo;
}

} // namespace

EmbeddedSettingsDialog::EmbeddedSettingsDialog(const EmbeddedWorkerSettings& settings, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Embedded worker settings"));
    m_sandbox = new QRadioButton(tr("&Sandbox (in-memory Kafka, nothing is kept after exit)"), this);
    m_sandbox->setObjectName(QStringLiteral("useSandbox"));
    m_kafka = new QRadioButton(tr("&Kafka cluster:"), this);
    m_kafka->setObjectName(QStringLiteral("useKafka"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_sandbox);
    group->addButton(m_kafka);
    m_bootstrap = new QLineEdit(this);
    m_bootstrap->setObjectName(QStringLiteral("bootstrapServers"));
    m_bootstrap->setPlaceholderText(QStringLiteral("broker-1:9092,broker-2:9092"));
    connect(m_kafka, &QRadioButton::toggled, m_bootstrap, &QLineEdit::setEnabled);
    auto* kafkaRow = new QHBoxLayout;
    kafkaRow->addWidget(m_kafka);
    kafkaRow->addWidget(m_bootstrap, 1);

    m_pluginPath = new QLineEdit(this);
    m_pluginPath->setObjectName(QStringLiteral("pluginPath"));
    m_pluginPath->setPlaceholderText(tr("built-in plugins only"));
    m_pluginPath->setToolTip(tr("Comma-separated directories searched for connector plugins (plugin.path)."));
    auto* browse = new QPushButton(tr("Add folder…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Plugin folder"));
        if (dir.isEmpty())
            return;
        const QString now = m_pluginPath->text().trimmed();
        m_pluginPath->setText(now.isEmpty() ? dir : now + QLatin1Char(',') + dir);
    });
    auto* pluginRow = new QHBoxLayout;
    pluginRow->addWidget(m_pluginPath, 1);
    pluginRow->addWidget(browse);
    m_keyConverter = converterCombo(this, QStringLiteral("keyConverter"));
    m_valueConverter = converterCombo(this, QStringLiteral("valueConverter"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("restPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));

    auto* form = new QFormLayout;
    form->addRow(tr("Plugin &path:"), pluginRow);
    form->addRow(tr("&Key converter:"), m_keyConverter);
    form->addRow(tr("&Value converter:"), m_valueConverter);
    form->addRow(tr("&REST port (127.0.0.1):"), m_port);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("settingsMessage"));
    m_message->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* restart = buttons->addButton(tr("Save and &restart worker"), QDialogButtonBox::AcceptRole);
    restart->setObjectName(QStringLiteral("saveAndRestart"));
    connect(restart, &QPushButton::clicked, this, [this] { finish(true); });
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, [this] { finish(false); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_sandbox);
    layout->addLayout(kafkaRow);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setSettings(settings);
    resize(620, sizeHint().height());
}

void EmbeddedSettingsDialog::setSettings(const EmbeddedWorkerSettings& settings)
{
    m_sandbox->setChecked(settings.useSandbox);
    m_kafka->setChecked(!settings.useSandbox);
    m_bootstrap->setEnabled(!settings.useSandbox);
    m_bootstrap->setText(settings.bootstrapServers);
    m_pluginPath->setText(settings.pluginPath);
    m_keyConverter->setCurrentText(settings.keyConverter);
    m_valueConverter->setCurrentText(settings.valueConverter);
    m_port->setValue(settings.restPort);
}

EmbeddedWorkerSettings EmbeddedSettingsDialog::settings() const
{
    EmbeddedWorkerSettings s;
    s.useSandbox = m_sandbox->isChecked();
    s.bootstrapServers = m_bootstrap->text().trimmed();
    s.pluginPath = m_pluginPath->text().trimmed();
    s.keyConverter = m_keyConverter->currentText().trimmed();
    s.valueConverter = m_valueConverter->currentText().trimmed();
    s.restPort = m_port->value();
    return s;
}

QString EmbeddedSettingsDialog::problem() const
{
    const EmbeddedWorkerSettings s = settings();
    if (!s.useSandbox && s.bootstrapServers.isEmpty())
        return tr("Enter the bootstrap servers of the Kafka cluster, or choose the sandbox.");
    if (s.keyConverter.isEmpty() || s.valueConverter.isEmpty())
        return tr("Choose a key and a value converter.");
    return {};
}

void EmbeddedSettingsDialog::finish(bool restart)
{
    if (const QString why = problem(); !why.isEmpty()) {
        m_message->setText(why);
        return;
    }
    m_restart = restart;
    accept();
}

} // namespace connectdesk::ui
