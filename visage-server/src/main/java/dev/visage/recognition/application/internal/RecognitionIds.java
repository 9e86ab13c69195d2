package dev.visage.recognition.application.internal;

import dev.visage.recognition.application.RecognitionException;
import dev.visage.contracts.Field;

/** The kiosk's identifiers: present, and within the lengths of {@link Field}. */
final class RecognitionIds {

    private RecognitionIds() {
    }

    static String requireCompanyId(String companyId) {
        if (companyId == null || companyId.isBlank()) {
            throw RecognitionException.validation(RecognitionException.COMPANY_ID_EMPTY);
        }
        return checkLength(Field.COMPANY_ID, companyId);
    }

    static String require(Field field, String value) {
        if (value == null || value.isBlank()) {
            throw RecognitionException.validation(field.jsonName() + " cannot be empty");
        }
        return checkLength(field, value);
    }

    /** Lengths from {@link Field}; the kiosk's 400 (validation) rather than 422, as its clients expect. */
    private static String checkLength(Field field, String value) {
        field.violation(value).ifPresent(reason -> {
            throw RecognitionException.validation(reason);
        });
        return value;
    }
}
