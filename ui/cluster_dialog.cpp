#include "cluster_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

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
