// Add or edit a remote cluster, with a "Test connection" button that asks the worker for its
// version before anything is saved.
#pragma once

#include "cluster_store.h"

#include <QDialog>

class QLineEdit;
class QLabel;
class QSpinBox;

namespace connectdesk::ui {

class ClusterDialog : public QDialog {
    Q_OBJECT
public:
    explicit ClusterDialog(QWidget* parent = nullptr);

    void setProfile(const ClusterProfile& profile, const QString& password);
    ClusterProfile profile() const;
    QString password() const;

    // Starts a test; the outcome appears in the dialog (and in testResult()).
    void testConnection();
    QString testResult() const;

Q_SIGNALS:
    void testFinished(bool ok);

private:
    QString m_id;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_url = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_ca = nullptr;
    QLineEdit* m_cert = nullptr;
    QLineEdit* m_key = nullptr;
    QSpinBox* m_refresh = nullptr;
    QLabel* m_result = nullptr;
    client::ClusterClient* m_testClient = nullptr;
};

} // namespace connectdesk::ui
