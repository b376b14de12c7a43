# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_UserDialog(object):
    def setupUi(self, UserDialog):
        if not UserDialog.objectName():
            UserDialog.setObjectName(u"UserDialog")
        UserDialog.resize(480, 320)
        self.verticalLayout = QVBoxLayout(UserDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.fullNameLabel = QLabel(UserDialog)
        self.fullNameLabel.setObjectName(u"fullNameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fullNameLabel)

        self.fullNameEdit = QLineEdit(UserDialog)
        self.fullNameEdit.setObjectName(u"fullNameEdit")
        self.fullNameEdit.setMaxLength(200)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fullNameEdit)

        self.usernameLabel = QLabel(UserDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(UserDialog)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.usernameEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.usernameEdit.setMaxLength(32)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.roleLabel = QLabel(UserDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(UserDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.passwordLabel = QLabel(UserDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(UserDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.confirmLabel = QLabel(UserDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirmEdit = QLineEdit(UserDialog)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.confirmEdit)

        self.activeCheck = QCheckBox(UserDialog)
        self.activeCheck.setObjectName(u"activeCheck")
        self.activeCheck.setChecked(True)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.activeCheck)


        self.verticalLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(UserDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(UserDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.fullNameLabel.setBuddy(self.fullNameEdit)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.roleLabel.setBuddy(self.roleCombo)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.confirmLabel.setBuddy(self.confirmEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.fullNameEdit, self.usernameEdit)
        QWidget.setTabOrder(self.usernameEdit, self.roleCombo)
        QWidget.setTabOrder(self.roleCombo, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.confirmEdit)
        QWidget.setTabOrder(self.confirmEdit, self.activeCheck)

        self.retranslateUi(UserDialog)

        QMetaObject.connectSlotsByName(UserDialog)
    # setupUi

    def retranslateUi(self, UserDialog):
        UserDialog.setWindowTitle(QCoreApplication.translate("UserDialog", u"\u0645\u0633\u062a\u062e\u062f\u0645", None))
        self.fullNameLabel.setText(QCoreApplication.translate("UserDialog", u"\u0627\u0644\u0627\u0633\u0645 \u0627\u0644&\u0643\u0627\u0645\u0644", None))
        self.usernameLabel.setText(QCoreApplication.translate("UserDialog", u"\u0627\u0633\u0645 \u0627\u0644&\u0645\u0633\u062a\u062e\u062f\u0645", None))
        self.roleLabel.setText(QCoreApplication.translate("UserDialog", u"\u0627\u0644&\u062f\u0648\u0631", None))
        self.passwordLabel.setText(QCoreApplication.translate("UserDialog", u"&\u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631", None))
        self.confirmLabel.setText(QCoreApplication.translate("UserDialog", u"\u062a\u0623&\u0643\u064a\u062f \u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631", None))
        self.activeCheck.setText(QCoreApplication.translate("UserDialog", u"\u0627\u0644\u062d\u0633\u0627\u0628 &\u0645\u0641\u0639\u0651\u0644", None))
        self.errorLabel.setText("")
    # retranslateUi

