# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'contact_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_ContactDialog(object):
    def setupUi(self, ContactDialog):
        if not ContactDialog.objectName():
            ContactDialog.setObjectName(u"ContactDialog")
        ContactDialog.resize(620, 520)
        self.verticalLayout = QVBoxLayout(ContactDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.whoLabel = QLabel(ContactDialog)
        self.whoLabel.setObjectName(u"whoLabel")
        self.whoLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.whoLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.channelLabel = QLabel(ContactDialog)
        self.channelLabel.setObjectName(u"channelLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.channelLabel)

        self.channelCombo = QComboBox(ContactDialog)
        self.channelCombo.setObjectName(u"channelCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.channelCombo)

        self.directionLabel = QLabel(ContactDialog)
        self.directionLabel.setObjectName(u"directionLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.directionLabel)

        self.directionCombo = QComboBox(ContactDialog)
        self.directionCombo.setObjectName(u"directionCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.directionCombo)

        self.purposeLabel = QLabel(ContactDialog)
        self.purposeLabel.setObjectName(u"purposeLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.purposeLabel)

        self.purposeEdit = QLineEdit(ContactDialog)
        self.purposeEdit.setObjectName(u"purposeEdit")
        self.purposeEdit.setMaxLength(200)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.purposeEdit)

        self.inquiryLabel = QLabel(ContactDialog)
        self.inquiryLabel.setObjectName(u"inquiryLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.inquiryLabel)

        self.inquiryEdit = QPlainTextEdit(ContactDialog)
        self.inquiryEdit.setObjectName(u"inquiryEdit")
        self.inquiryEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.inquiryEdit)

        self.answerLabel = QLabel(ContactDialog)
        self.answerLabel.setObjectName(u"answerLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.answerLabel)

        self.answerEdit = QPlainTextEdit(ContactDialog)
        self.answerEdit.setObjectName(u"answerEdit")
        self.answerEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.answerEdit)

        self.timesLabel = QLabel(ContactDialog)
        self.timesLabel.setObjectName(u"timesLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.timesLabel)

        self.timesValue = QLabel(ContactDialog)
        self.timesValue.setObjectName(u"timesValue")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.timesValue)


        self.verticalLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(ContactDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ContactDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.channelLabel.setBuddy(self.channelCombo)
        self.directionLabel.setBuddy(self.directionCombo)
        self.purposeLabel.setBuddy(self.purposeEdit)
        self.inquiryLabel.setBuddy(self.inquiryEdit)
        self.answerLabel.setBuddy(self.answerEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.channelCombo, self.directionCombo)
        QWidget.setTabOrder(self.directionCombo, self.purposeEdit)
        QWidget.setTabOrder(self.purposeEdit, self.inquiryEdit)
        QWidget.setTabOrder(self.inquiryEdit, self.answerEdit)

        self.retranslateUi(ContactDialog)

        QMetaObject.connectSlotsByName(ContactDialog)
    # setupUi

    def retranslateUi(self, ContactDialog):
        ContactDialog.setWindowTitle(QCoreApplication.translate("ContactDialog", u"\u062a\u0633\u062c\u064a\u0644 \u062a\u0648\u0627\u0635\u0644", None))
        self.whoLabel.setText("")
        self.channelLabel.setText(QCoreApplication.translate("ContactDialog", u"\u0627\u0644&\u0642\u0646\u0627\u0629", None))
        self.directionLabel.setText(QCoreApplication.translate("ContactDialog", u"\u0627\u0644\u0627&\u062a\u062c\u0627\u0647", None))
        self.purposeLabel.setText(QCoreApplication.translate("ContactDialog", u"\u0627\u0644&\u063a\u0631\u0636", None))
        self.inquiryLabel.setText(QCoreApplication.translate("ContactDialog", u"\u0627\u0644\u0627&\u0633\u062a\u0641\u0633\u0627\u0631", None))
        self.answerLabel.setText(QCoreApplication.translate("ContactDialog", u"\u0627\u0644\u0625&\u062c\u0627\u0628\u0629", None))
        self.timesLabel.setText(QCoreApplication.translate("ContactDialog", u"\u0627\u0644\u0648\u0642\u062a", None))
        self.timesValue.setText("")
        self.errorLabel.setText("")
    # retranslateUi

