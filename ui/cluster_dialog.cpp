#include "cluster_dialog.h"

#include "secret_value_delegate.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

namespace connectdesk::ui {

namespace {

QWidget* withBrowse(QLineEdit* edit, QWidget* parent, const QString& title)
{
    auto* box = new QWidget(parent);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit);
    auto* browse = new QPushButton(QObject::tr("Browse…"), box);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, box, [edit, box, title] {
        const QString file = QFileDialog::getOpenFileName(
            box, title, edit->text(), QObject::tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!file.isEmpty())
            edit->setText(file);
    });
    return box;
}

} // namespace

ClusterDialog::ClusterDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Connect cluster"));
    auto* form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("clusterName"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("clusterUrl"));
    m_url->setPlaceholderText(QStringLiteral("http://connect-host:8083"));
    m_user = new QLineEdit(this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_ca = new QLineEdit(this);
    m_cert = new QLineEdit(this);
    m_key = new QLineEdit(this);
    m_refresh = new QSpinBox(this);
    m_refresh->setRange(1, 3600);
    m_refresh->setSuffix(tr(" s"));
    m_refresh->setValue(5);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&REST URL:"), m_url);
    form->addRow(tr("&User (basic auth):"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&CA certificate:"), withBrowse(m_ca, this, tr("CA certificate")));
    form->addRow(tr("Client c&ertificate:"), withBrowse(m_cert, this, tr("Client certificate")));
    form->addRow(tr("Client &key:"), withBrowse(m_key, this, tr("Client key")));
    form->addRow(tr("Re&fresh every:"), m_refresh);

    // The Kafka cluster behind Connect: optional, used to read internal and data topics.
    auto* kafka = new QGroupBox(tr("Kafka (optional: to read the cluster's topics)"), this);
    kafka->setObjectName(QStringLiteral("kafkaSection"));
    auto* kafkaForm = new QFormLayout(kafka);
    m_kafkaBootstrap = new QLineEdit(kafka);
    m_kafkaBootstrap->setObjectName(QStringLiteral("kafkaBootstrap"));
    m_kafkaBootstrap->setPlaceholderText(QStringLiteral("broker-1:9092,broker-2:9092"));
    m_kafkaProperties = new QTableWidget(0, 2, kafka);
    m_kafkaProperties->setObjectName(QStringLiteral("kafkaProperties"));
    m_kafkaProperties->setHorizontalHeaderLabels({tr("librdkafka property"), tr("Value")});
    m_kafkaProperties->horizontalHeader()->setStretchLastSection(true);
    m_kafkaProperties->horizontalHeader()->resizeSection(0, 200);
    m_kafkaProperties->verticalHeader()->hide();
    m_kafkaProperties->setItemDelegateForColumn(
        1, new SecretValueDelegate(
               [](const QString& key, const QString&) { return ClusterProfile::isSecretProperty(key); },
               m_kafkaProperties));
    m_kafkaProperties->setMaximumHeight(130);
    m_kafkaProperties->setToolTip(
        tr("e.g. security.protocol = SASL_SSL, sasl.mechanism = PLAIN, sasl.username, sasl.password, "
           "ssl.ca.location. Values of keys containing \"password\" or \"secret\" are kept in the "
           "system keychain."));
    auto* propertyButtons = new QHBoxLayout;
    auto* addProperty = new QPushButton(tr("Add property"), kafka);
    auto* removeProperty = new QPushButton(tr("Remove property"), kafka);
    propertyButtons->addWidget(addProperty);
    propertyButtons->addWidget(removeProperty);
    propertyButtons->addStretch(1);
    connect(addProperty, &QPushButton::clicked, this, [this] {
        const int row = m_kafkaProperties->rowCount();
        m_kafkaProperties->insertRow(row);
        m_kafkaProperties->setItem(row, 0, new QTableWidgetItem);
        m_kafkaProperties->setItem(row, 1, new QTableWidgetItem);
        m_kafkaProperties->editItem(m_kafkaProperties->item(row, 0));
    });
    connect(removeProperty, &QPushButton::clicked, this, [this] {
        if (m_kafkaProperties->currentRow() >= 0)
            m_kafkaProperties->removeRow(m_kafkaProperties->currentRow());
    });
    auto* propertiesBox = new QWidget(kafka);
    auto* propertiesLayout = new QVBoxLayout(propertiesBox);
    propertiesLayout->setContentsMargins(0, 0, 0, 0);
    propertiesLayout->addWidget(m_kafkaProperties);
    propertiesLayout->addLayout(propertyButtons);
    m_statusTopic = new QLineEdit(QStringLiteral("connect-status"), kafka);
    m_configTopic = new QLineEdit(QStringLiteral("connect-configs"), kafka);
    m_offsetsTopic = new QLineEdit(QStringLiteral("connect-offsets"), kafka);
    kafkaForm->addRow(tr("&Bootstrap servers:"), m_kafkaBootstrap);
    kafkaForm->addRow(tr("Client properties:"), propertiesBox);
    kafkaForm->addRow(tr("Status topic:"), m_statusTopic);
    kafkaForm->addRow(tr("Config topic:"), m_configTopic);
    kafkaForm->addRow(tr("Offsets topic:"), m_offsetsTopic);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* test = buttons->addButton(tr("&Test connection"), QDialogButtonBox::ActionRole);
    test->setObjectName(QStringLiteral("testButton"));
    connect(test, &QPushButton::clicked, this, &ClusterDialog::testConnection);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (QUrl::fromUserInput(m_url->text()).isValid() && !m_url->text().trimmed().isEmpty())
            accept();
        else
            m_result->setText(tr("Enter the REST URL of a Connect worker, e.g. http://connect-host:8083."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(kafka);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

void ClusterDialog::setProfile(const ClusterProfile& profile, const QString& password)
{
    m_id = profile.id;
    m_name->setText(profile.name);
    m_url->setText(profile.url);
    m_user->setText(profile.user);
    m_password->setText(password);
    m_ca->setText(profile.caCertificateFile);
    m_cert->setText(profile.clientCertificateFile);
    m_key->setText(profile.clientKeyFile);
    m_refresh->setValue(profile.refreshSeconds);
    m_kafkaBootstrap->setText(profile.kafkaBootstrap);
    m_kafkaProperties->setRowCount(0);
    for (auto it = profile.kafkaProperties.begin(); it != profile.kafkaProperties.end(); ++it)
        setKafkaProperty(it.key(), it.value());
    m_statusTopic->setText(profile.statusTopic);
    m_configTopic->setText(profile.configTopic);
    m_offsetsTopic->setText(profile.offsetsTopic);
}

void ClusterDialog::setKafkaProperty(const QString& key, const QString& value)
{
    for (int row = 0; row < m_kafkaProperties->rowCount(); ++row)
        if (m_kafkaProperties->item(row, 0) && m_kafkaProperties->item(row, 0)->text().trimmed() == key) {
            m_kafkaProperties->item(row, 1)->setText(value);
            return;
        }
    const int row = m_kafkaProperties->rowCount();
    m_kafkaProperties->insertRow(row);
    m_kafkaProperties->setItem(row, 0, new QTableWidgetItem(key));
    m_kafkaProperties->setItem(row, 1, new QTableWidgetItem(value));
}

void ClusterDialog::setKafkaSecrets(const QMap<QString, QString>& secrets)
{
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        setKafkaProperty(it.key(), it.value());
}

QMap<QString, QString> ClusterDialog::kafkaTable(bool secret) const
{
    QMap<QString, QString> out;
    for (int row = 0; row < m_kafkaProperties->rowCount(); ++row) {
        const QTableWidgetItem* key = m_kafkaProperties->item(row, 0);
        const QTableWidgetItem* value = m_kafkaProperties->item(row, 1);
        const QString name = key ? key->text().trimmed() : QString();
        if (!name.isEmpty() && ClusterProfile::isSecretProperty(name) == secret)
            out.insert(name, value ? value->text() : QString());
    }
    return out;
}

QMap<QString, QString> ClusterDialog::kafkaSecrets() const
{
    return kafkaTable(true);
}

ClusterProfile ClusterDialog::profile() const
{
    ClusterProfile p;
    p.id = m_id;
    p.url = m_url->text().trimmed();
    p.name = m_name->text().trimmed().isEmpty() ? p.url : m_name->text().trimmed();
    p.user = m_user->text().trimmed();
    p.caCertificateFile = m_ca->text().trimmed();
    p.clientCertificateFile = m_cert->text().trimmed();
    p.clientKeyFile = m_key->text().trimmed();
    p.refreshSeconds = m_refresh->value();
    p.kafkaBootstrap = m_kafkaBootstrap->text().trimmed();
    p.kafkaProperties = kafkaTable(false);
    auto topic = [](const QLineEdit* edit, const QString& fallback) {
        return edit->text().trimmed().isEmpty() ? fallback : edit->text().trimmed();
    };
    p.statusTopic = topic(m_statusTopic, p.statusTopic);
    p.configTopic = topic(m_configTopic, p.configTopic);
    p.offsetsTopic = topic(m_offsetsTopic, p.offsetsTopic);
    return p;
}

QString ClusterDialog::password() const
{
    return m_password->text();
}

QString ClusterDialog::testResult() const
{
    return m_result->text();
}

void ClusterDialog::testConnection()
{
    delete m_testClient;
    client::RemoteEndpoint endpoint = profile().endpoint(password());
    endpoint.readTimeoutMs = 10'000;
    auto* testClient = new client::RemoteClusterClient(endpoint, this);
    m_testClient = testClient;
    m_result->setText(tr("Connecting to %1…").arg(testClient->address()));
    const QString setupProblem = testClient->setupProblem();
    testClient->serverInfo(this, [this, setupProblem](const client::Result<client::ServerInfo>& result) {
        if (result.ok()) {
            QString text =
                tr("Connected: Kafka Connect %1 (commit %2), Kafka cluster %3.")
                    .arg(result.value->version, result.value->commit, result.value->kafkaClusterId);
            if (!setupProblem.isEmpty())
                text += QLatin1Char(' ') + setupProblem;
            m_result->setText(text);
        } else {
            m_result->setText(result.error.sentence +
                              (setupProblem.isEmpty() ? QString() : QLatin1Char(' ') + setupProblem));
        }
        Q_EMIT testFinished(result.ok());
    });
}

} // namespace connectdesk::ui
