package io.eventmall.api.home;

import java.util.List;

public record HomeFlashSales(List<FlashSaleCard> ongoing, List<FlashSaleCard> upcoming) {
}
