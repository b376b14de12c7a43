# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'lock_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_LockDialog(object):
    def setupUi(self, LockDialog):
        if not LockDialog.objectName():
            LockDialog.setObjectName(u"LockDialog")
        LockDialog.resize(420, 230)
        self.verticalLayout = QVBoxLayout(LockDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.titleLabel = QLabel(LockDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.verticalLayout.addWidget(self.titleLabel)

        self.messageLabel = QLabel(LockDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.verticalLayout.addWidget(self.messageLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.passwordLabel = QLabel(LockDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(LockDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passwordEdit)


        self.verticalLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(LockDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.unlockButton = QPushButton(LockDialog)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttonsLayout.addWidget(self.unlockButton)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.spacer)

        self.logoutButton = QPushButton(LockDialog)
        self.logoutButton.setObjectName(u"logoutButton")
        self.logoutButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.logoutButton)


        self.verticalLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(LockDialog)

        self.unlockButton.setDefault(True)


        QMetaObject.connectSlotsByName(LockDialog)
    # setupUi

    def retranslateUi(self, LockDialog):
        LockDialog.setWindowTitle(QCoreApplication.translate("LockDialog", u"\u0627\u0644\u0634\u0627\u0634\u0629 \u0645\u0642\u0641\u0644\u0629", None))
        self.titleLabel.setText(QCoreApplication.translate("LockDialog", u"\u0627\u0644\u0634\u0627\u0634\u0629 \u0645\u0642\u0641\u0644\u0629", None))
        self.messageLabel.setText("")
        self.passwordLabel.setText(QCoreApplication.translate("LockDialog", u"&\u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631", None))
        self.errorLabel.setText("")
        self.unlockButton.setText(QCoreApplication.translate("LockDialog", u"&\u0641\u062a\u062d \u0627\u0644\u0642\u0641\u0644", None))
        self.logoutButton.setText(QCoreApplication.translate("LockDialog", u"\u062a\u0633\u062c\u064a\u0644 \u0627\u0644&\u062e\u0631\u0648\u062c", None))
    # retranslateUi

