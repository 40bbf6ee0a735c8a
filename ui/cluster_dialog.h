// Add or edit a remote cluster, with a "Test connection" button that asks the worker for its
// version before anything is saved, and an optional Kafka section (bootstrap servers, client
// properties with secrets masked, internal topic names) for readers of the cluster's topics.
#pragma once

#include "cluster_store.h"

#include <QDialog>

class QLineEdit;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace connectdesk::ui {

class ClusterDialog : public QDialog {
    Q_OBJECT
public:
    explicit ClusterDialog(QWidget* parent = nullptr);

    void setProfile(const ClusterProfile& profile, const QString& password);
    ClusterProfile profile() const;
    QString password() const;
    // Secret Kafka properties (isSecretProperty) live apart from the profile: they go to the keychain.
    void setKafkaSecrets(const QMap<QString, QString>& secrets);
    QMap<QString, QString> kafkaSecrets() const;
    // Adds a row to the Kafka properties table (or changes the value of an existing key).
    void setKafkaProperty(const QString& key, const QString& value);

    // Starts a test; the outcome appears in the dialog (and in testResult()).
    void testConnection();
    QString testResult() const;

Q_SIGNALS:
    void testFinished(bool ok);

private:
    QMap<QString, QString> kafkaTable(bool secret) const;

    QString m_id;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_url = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_ca = nullptr;
    QLineEdit* m_cert = nullptr;
    QLineEdit* m_key = nullptr;
    QSpinBox* m_refresh = nullptr;
    QLineEdit* m_kafkaBootstrap = nullptr;
    QTableWidget* m_kafkaProperties = nullptr;
    QLineEdit* m_statusTopic = nullptr;
    QLineEdit* m_configTopic = nullptr;
    QLineEdit* m_offsetsTopic = nullptr;
    QLabel* m_result = nullptr;
    client::ClusterClient* m_testClient = nullptr;
};

} // namespace connectdesk::ui
