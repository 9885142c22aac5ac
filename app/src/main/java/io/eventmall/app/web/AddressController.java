package io.eventmall.app.web;

import io.eventmall.api.address.AddAddress;
import io.eventmall.api.address.AddressView;
import io.eventmall.api.address.ChangeAddress;
import io.eventmall.api.address.FindAddressesOfUser;
import io.eventmall.api.address.RemoveAddress;
import io.eventmall.api.address.ShippingAddress;
import io.eventmall.app.identity.PersonalDataVault;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A customer's own shipping addresses; the Address aggregate refuses anyone but its owner. */
@RestController
@RequestMapping("/api/v1/addresses")
public class AddressController {

    private final CommandGateway commands;
    private final Reads reads;

    private final PersonalDataVault vault;

    AddressController(CommandGateway commands, Reads reads, PersonalDataVault vault) {
        this.commands = commands;
        this.reads = reads;
        this.vault = vault;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> add(@Valid @RequestBody AddressBody body, Authentication authentication) {
        String addressId = UUID.randomUUID().toString();
        String userId = Caller.of(authentication).userId();
        commands.sendAndWait(new AddAddress(addressId, userId, sealed(userId, body.toAddress()),
                Boolean.TRUE.equals(body.isDefault())));
        return Map.of("addressId", addressId);
    }

    @GetMapping
    List<AddressResponse> mine(Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        return reads.list(new FindAddressesOfUser(userId), AddressView.class).stream()
                .map(view -> AddressResponse.of(view, opened(userId, view.address()))).toList();
    }

    @PutMapping("/{addressId}")
    Map<String, String> change(@PathVariable String addressId, @Valid @RequestBody AddressBody body,
                               Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        commands.sendAndWait(new ChangeAddress(addressId, userId, sealed(userId, body.toAddress()),
                Boolean.TRUE.equals(body.isDefault())));
        return Map.of("addressId", addressId);
    }

    @DeleteMapping("/{addressId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String addressId, Authentication authentication) {
        commands.sendAndWait(new RemoveAddress(addressId, Caller.of(authentication).userId()));
    }

    /**
     * What names and locates a person is sealed with their key before it enters the history (and the orders shipped
     * there); province, city and district stay readable for shipping statistics.
     */
    private ShippingAddress sealed(String userId, ShippingAddress clear) {
        return new ShippingAddress(vault.seal(userId, clear.receiverName()), vault.seal(userId, clear.phone()),
                clear.province(), clear.city(), clear.district(), vault.seal(userId, clear.detailAddress()),
                vault.seal(userId, clear.postalCode()));
    }

    private ShippingAddress opened(String userId, ShippingAddress sealed) {
        return new ShippingAddress(vault.open(userId, sealed.receiverName()), vault.open(userId, sealed.phone()),
                sealed.province(), sealed.city(), sealed.district(), vault.open(userId, sealed.detailAddress()),
                vault.open(userId, sealed.postalCode()));
    }

    record AddressBody(@NotBlank @Size(max = 64) String receiverName,
                       @NotBlank @Pattern(regexp = "\\+?[0-9 -]{5,20}", message = "must be a phone number") String phone,
                       @NotBlank @Size(max = 64) String province, @NotBlank @Size(max = 64) String city,
                       @NotBlank @Size(max = 64) String district, @NotBlank @Size(max = 255) String detailAddress,
                       @Size(max = 16) String postalCode, Boolean isDefault) {

        ShippingAddress toAddress() {
            return new ShippingAddress(receiverName, phone, province, city, district, detailAddress, postalCode);
        }
    }

    record AddressResponse(String addressId, String receiverName, String phone, String province, String city,
                           String district, String detailAddress, String postalCode, boolean isDefault) {

        static AddressResponse of(AddressView view, ShippingAddress a) {
            return new AddressResponse(view.addressId(), a.receiverName(), a.phone(), a.province(), a.city(),
                    a.district(), a.detailAddress(), a.postalCode(), view.isDefault());
        }
    }
}
