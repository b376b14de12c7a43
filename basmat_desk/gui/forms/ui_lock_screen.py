# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'lock_screen.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QFrame,
    QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_LockScreen(object):
    def setupUi(self, LockScreen):
        if not LockScreen.objectName():
            LockScreen.setObjectName(u"LockScreen")
        LockScreen.resize(1024, 768)
        self.coverLayout = QGridLayout(LockScreen)
        self.coverLayout.setObjectName(u"coverLayout")
        self.topSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.coverLayout.addItem(self.topSpacer, 0, 1, 1, 1)

        self.rightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.coverLayout.addItem(self.rightSpacer, 1, 0, 1, 1)

        self.lockPanel = QFrame(LockScreen)
        self.lockPanel.setObjectName(u"lockPanel")
        self.lockPanel.setMinimumSize(QSize(420, 0))
        self.lockPanel.setMaximumSize(QSize(520, 16777215))
        self.panelLayout = QVBoxLayout(self.lockPanel)
        self.panelLayout.setObjectName(u"panelLayout")
        self.associationLabel = QLabel(self.lockPanel)
        self.associationLabel.setObjectName(u"associationLabel")
        self.associationLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.associationLabel.setWordWrap(True)

        self.panelLayout.addWidget(self.associationLabel)

        self.titleLabel = QLabel(self.lockPanel)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.panelLayout.addWidget(self.titleLabel)

        self.messageLabel = QLabel(self.lockPanel)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.panelLayout.addWidget(self.messageLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.passwordLabel = QLabel(self.lockPanel)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(self.lockPanel)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.passwordEdit)


        self.panelLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(self.lockPanel)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.panelLayout.addWidget(self.errorLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.unlockButton = QPushButton(self.lockPanel)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttonsLayout.addWidget(self.unlockButton)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.spacer)

        self.logoutButton = QPushButton(self.lockPanel)
        self.logoutButton.setObjectName(u"logoutButton")
        self.logoutButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.logoutButton)


        self.panelLayout.addLayout(self.buttonsLayout)

        self.syncLabel = QLabel(self.lockPanel)
        self.syncLabel.setObjectName(u"syncLabel")
        self.syncLabel.setWordWrap(True)
        self.syncLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.panelLayout.addWidget(self.syncLabel)


        self.coverLayout.addWidget(self.lockPanel, 1, 1, 1, 1)

        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.coverLayout.addItem(self.leftSpacer, 1, 2, 1, 1)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.coverLayout.addItem(self.bottomSpacer, 2, 1, 1, 1)

#if QT_CONFIG(shortcut)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.passwordEdit, self.unlockButton)
        QWidget.setTabOrder(self.unlockButton, self.logoutButton)

        self.retranslateUi(LockScreen)

        self.unlockButton.setDefault(True)


        QMetaObject.connectSlotsByName(LockScreen)
    # setupUi

    def retranslateUi(self, LockScreen):
        LockScreen.setWindowTitle(QCoreApplication.translate("LockScreen", u"\u0627\u0644\u0634\u0627\u0634\u0629 \u0645\u0642\u0641\u0644\u0629", None))
        self.associationLabel.setText("")
        self.titleLabel.setText(QCoreApplication.translate("LockScreen", u"\u0627\u0644\u0634\u0627\u0634\u0629 \u0645\u0642\u0641\u0644\u0629", None))
        self.messageLabel.setText("")
        self.passwordLabel.setText(QCoreApplication.translate("LockScreen", u"&\u0643\u0644\u0645\u0629 \u0627\u0644\u0645\u0631\u0648\u0631", None))
        self.errorLabel.setText("")
        self.unlockButton.setText(QCoreApplication.translate("LockScreen", u"&\u0641\u062a\u062d \u0627\u0644\u0642\u0641\u0644", None))
        self.logoutButton.setText(QCoreApplication.translate("LockScreen", u"\u062a\u0633\u062c\u064a\u0644 \u0627\u0644&\u062e\u0631\u0648\u062c", None))
        self.syncLabel.setText("")
    # retranslateUi

