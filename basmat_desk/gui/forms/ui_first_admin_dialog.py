# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_admin_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_FirstAdminDialog(object):
    def setupUi(self, FirstAdminDialog):
        if not FirstAdminDialog.objectName():
            FirstAdminDialog.setObjectName(u"FirstAdminDialog")
        FirstAdminDialog.resize(480, 340)
        self.verticalLayout = QVBoxLayout(FirstAdminDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.introLabel = QLabel(FirstAdminDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.fullNameLabel = QLabel(FirstAdminDialog)
        self.fullNameLabel.setObjectName(u"fullNameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fullNameLabel)

        self.fullNameEdit = QLineEdit(FirstAdminDialog)
        self.fullNameEdit.setObjectName(u"fullNameEdit")
        self.fullNameEdit.setMaxLength(200)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fullNameEdit)

        self.usernameLabel = QLabel(FirstAdminDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(FirstAdminDialog)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.usernameEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.usernameEdit.setMaxLength(32)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.passwordLabel = QLabel(FirstAdminDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(FirstAdminDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.confirmLabel = QLabel(FirstAdminDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirmEdit = QLineEdit(FirstAdminDialog)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.confirmEdit)


        self.verticalLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(FirstAdminDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(FirstAdminDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.fullNameLabel.setBuddy(self.fullNameEdit)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.confirmLabel.setBuddy(self.confirmEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.fullNameEdit, self.usernameEdit)
        QWidget.setTabOrder(self.usernameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.confirmEdit)

        self.retranslateUi(FirstAdminDialog)

        QMetaObject.connectSlotsByName(FirstAdminDialog)
    # setupUi

    def retranslateUi(self, FirstAdminDialog):
        FirstAdminDialog.setWindowTitle(QCoreApplication.translate("FirstAdminDialog", u"\u0625\u0639\u062f\u0627\u062f \u0623\u0648\u0644 \u0645\u0631\u0629 \u2014 \u062d\u0633\u0627\u0628 \u0645\u062f\u064a\u0631 \u0627\u0644\u0646\u0638\u0627\u0645", None))
        self.introLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"\u0647\u0630\u0647 \u0623\u0648\u0644 \u0645\u0631\u0629 \u064a\u064f\u0634\u063a\u064e\u0651\u0644 \u0641\u064a\u0647\u0627 \u0628\u0633\u0645\u0627\u062a \u0639\u0644\u0649 \u0647\u0630\u0647 \u0627\u0644\u0642\u0627\u0639\u062f\u0629. \u0623\u0646\u0634\u0626 \u062d\u0633\u0627\u0628 \u0645\u062f\u064a\u0631 \u0627\u0644\u0646\u0638\u0627\u0645\u061b \u064a\u0636\u064a\u0641 \u0627\u0644\u0645\u062f\u064a\u0631 \u0628\u0639\u062f \u0630\u0644\u0643 \u062d\u0633\u0627\u0628\u0627\u062a \u0627\u0644\u0645\u0648\u0638\u0641\u064a\u0646 \u0648\u064a\u0636\u0628\u0637 \u0627\u0644\u0625\u0639\u062f\u0627\u062f\u0627\u062a.", None))
        self.fullNameLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"\u0627\u0644\u0627\u0633\u0645 \u0627\u0644&\u0643\u0627\u0645\u0644", None))
        self.usernameLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"\u0627\u0633\u0645 \u0627\u0644&\u0645\u0633\u062a\u062e\u062f\u0645", None))
        self.usernameEdit.setPlaceholderText(QCoreApplication.translate("FirstAdminDialog", u"admin", None))
        self.passwordLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"&\u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631", None))
        self.confirmLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"\u062a\u0623&\u0643\u064a\u062f \u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631", None))
        self.errorLabel.setText("")
    # retranslateUi

