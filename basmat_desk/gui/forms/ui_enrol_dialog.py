# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'enrol_dialog.ui'
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
    QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_EnrolDialog(object):
    def setupUi(self, EnrolDialog):
        if not EnrolDialog.objectName():
            EnrolDialog.setObjectName(u"EnrolDialog")
        EnrolDialog.resize(520, 320)
        self.verticalLayout = QVBoxLayout(EnrolDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.introLabel = QLabel(EnrolDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.codeLabel = QLabel(EnrolDialog)
        self.codeLabel.setObjectName(u"codeLabel")

        self.verticalLayout.addWidget(self.codeLabel)

        self.codeEdit = QPlainTextEdit(EnrolDialog)
        self.codeEdit.setObjectName(u"codeEdit")
        self.codeEdit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.codeEdit.setTabChangesFocus(True)

        self.verticalLayout.addWidget(self.codeEdit)

        self.errorLabel = QLabel(EnrolDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(EnrolDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.codeEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EnrolDialog)

        QMetaObject.connectSlotsByName(EnrolDialog)
    # setupUi

    def retranslateUi(self, EnrolDialog):
        EnrolDialog.setWindowTitle(QCoreApplication.translate("EnrolDialog", u"\u062a\u0633\u062c\u064a\u0644 \u0647\u0630\u0627 \u0627\u0644\u062c\u0647\u0627\u0632 \u0641\u064a \u062e\u0627\u062f\u0645 \u0627\u0644\u0645\u0632\u0627\u0645\u0646\u0629", None))
        self.introLabel.setText(QCoreApplication.translate("EnrolDialog", u"\u0625\u0646 \u0643\u0627\u0646 \u0644\u062f\u0649 \u0627\u0644\u062c\u0645\u0639\u064a\u0629 \u062e\u0627\u062f\u0645 \u0645\u0634\u062a\u0631\u0643\u060c \u0641\u0627\u0637\u0644\u0628 \u0645\u0646 \u0645\u062f\u064a\u0631 \u0627\u0644\u0646\u0638\u0627\u0645 \u0631\u0645\u0632 \u062a\u0633\u062c\u064a\u0644 \u0644\u0647\u0630\u0627 \u0627\u0644\u0643\u0627\u0648\u0646\u062a\u0631 \u0648\u0627\u0644\u0635\u0642\u0647 \u0647\u0646\u0627. \u064a\u064f\u0633\u062a\u0639\u0645\u0644 \u0627\u0644\u0631\u0645\u0632 \u0645\u0631\u0629 \u0648\u0627\u062d\u062f\u0629\u060c \u0648\u064a\u062c\u0644\u0628 \u0627\u0644\u062c\u0647\u0627\u0632 \u0628\u0639\u062f\u0647 \u062d\u0633\u0627\u0628\u0627\u062a \u0627\u0644\u0645\u0648\u0638\u0641\u064a\u0646 \u0648\u0628\u064a\u0627\u0646\u0627\u062a \u0627\u0644\u0645\u0633\u062a\u0641\u064a\u062f\u064a\u0646 \u0645\u0646 \u0627\u0644\u062e\u0627\u062f\u0645.", None))
        self.codeLabel.setText(QCoreApplication.translate("EnrolDialog", u"&\u0631\u0645\u0632 \u0627\u0644\u062a\u0633\u062c\u064a\u0644", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("EnrolDialog", u"BASMAT1-\u2026", None))
        self.errorLabel.setText("")
    # retranslateUi

